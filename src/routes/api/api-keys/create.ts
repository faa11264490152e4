import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { createApiKey } from "../../../services/api-keys/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { mappingInput } from "../integrations/mapping.ts";
import { jsonBody, writeErrors } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { ApiKeySchema, CreateKeySchema } from "./schema.ts";
import { keyJson } from "./to-json.ts";

/** POST /api/v1/api-keys: minting keys is admin work. */
export const createApiKeyRoute = createRoute({
  method: "post",
  path: "/api/v1/api-keys",
  tags,
  security,
  summary: "Create an API key; the plaintext key is returned only here",
  middleware: requireScope("admin"),
  request: { body: jsonBody(CreateKeySchema) },
  responses: {
    201: {
      description: "Created",
      content: { "application/json": { schema: z.object({ data: ApiKeySchema, key: z.string() }) } },
    },
    ...writeErrors,
  },
});

/** Only a hash is stored, so this answer is the one chance to see the key. */
export function registerCreateApiKey(api: Api) {
  api.openapi(createApiKeyRoute, async (c) => {
    const { alert_mapping, ...body } = c.req.valid("json");
    const { key, secret } = await createApiKey(serviceContext(c), {
      ...body,
      alertMapping: mappingInput(alert_mapping),
    });
    return c.json({ data: keyJson(key), key: secret }, 201);
  });
}
