import { createRoute, z } from "@hono/zod-openapi";
import { standardWebhooksSecret } from "../../../lib/crypto.ts";
import { requireScope } from "../../../middleware/auth.ts";
import { addSubscriber } from "../../../services/subscribers/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { jsonBody, writeErrors } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { AddSubscriberSchema, SubscriberSchema } from "./schema.ts";
import { subscriberJson } from "./to-json.ts";

/** POST /api/v1/subscribers: skips confirmation, so it needs admin. */
export const addSubscriberRoute = createRoute({
  method: "post",
  path: "/api/v1/subscribers",
  tags,
  security,
  summary: "Add a pre-confirmed email address, webhook or chat channel",
  description:
    "No confirmation is sent: use this for addresses that already agreed, such as an import. A new webhook's signing secret is returned once, here (chat subscribers have none: chat platforms check no signature). An address or URL already there is made active again (200).",
  middleware: requireScope("admin"),
  request: { body: jsonBody(AddSubscriberSchema) },
  responses: {
    201: {
      description: "Added",
      content: {
        "application/json": {
          schema: z.object({
            data: SubscriberSchema,
            secret: z.string().optional().openapi({
              description: "A new webhook's HMAC signing key (64 hex characters); shown only in this response",
            }),
            standard_webhooks_secret: z.string().optional().openapi({
              description:
                "The same secret in the Standard Webhooks form (`whsec_` and the base64 of the secret's bytes), for off-the-shelf verifiers; shown only in this response",
              example: "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZg==",
            }),
          }),
        },
      },
    },
    200: {
      description: "Already there: now active, with the components given",
      content: { "application/json": { schema: z.object({ data: SubscriberSchema }) } },
    },
    ...writeErrors,
  },
});

/** Adding twice is safe: an existing subscriber is made active again (200) and no new secret is shown. */
export function registerAddSubscriber(api: Api) {
  api.openapi(addSubscriberRoute, async (c) => {
    const { subscriber, created, secret } = await addSubscriber(serviceContext(c), c.req.valid("json"));
    if (!created) return c.json({ data: subscriberJson(subscriber) }, 200);
    const secrets = secret ? { secret, standard_webhooks_secret: standardWebhooksSecret(secret) } : {};
    return c.json({ data: subscriberJson(subscriber), ...secrets }, 201);
  });
}
