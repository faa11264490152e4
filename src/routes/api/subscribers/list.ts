import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { listSubscribers } from "../../../services/subscribers/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { SubscriberSchema, SubscriberStateSchema, SubscriberTypeSchema } from "./schema.ts";
import { subscriberJson } from "./to-json.ts";

/** GET /api/v1/subscribers: personal data, so it needs subscribers:read. */
export const listSubscribersRoute = createRoute({
  method: "get",
  path: "/api/v1/subscribers",
  tags,
  security,
  summary: "List subscribers, newest first",
  description: "Email addresses, webhooks and chat channels in every state. Webhook secrets are never listed.",
  middleware: requireScope("subscribers:read"),
  request: {
    query: z.object({
      type: SubscriberTypeSchema.optional(),
      state: SubscriberStateSchema.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      cursor: z.string().max(200).optional().openapi({ description: "next_cursor from the previous page" }),
    }),
  },
  responses: {
    200: {
      description: "A page of subscribers",
      content: {
        "application/json": {
          schema: z.object({ data: z.array(SubscriberSchema), next_cursor: z.string().nullable() }),
        },
      },
    },
    ...errorResponses(400, 401, 403),
  },
});

/** Pages by cursor, so subscribers joining meanwhile do not shift the pages. */
export function registerListSubscribers(api: Api) {
  api.openapi(listSubscribersRoute, async (c) => {
    const q = c.req.valid("query");
    const page = await listSubscribers(serviceContext(c), q);
    return c.json({ data: page.subscribers.map(subscriberJson), next_cursor: page.nextCursor }, 200);
  });
}
