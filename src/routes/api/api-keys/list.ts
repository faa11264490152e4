import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { listApiKeys } from "../../../services/api-keys/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { ApiKeySchema } from "./schema.ts";
import { keyJson } from "./to-json.ts";

/** GET /api/v1/api-keys: who holds which scope is admin business. */
export const listApiKeysRoute = createRoute({
  method: "get",
  path: "/api/v1/api-keys",
  tags,
  security,
  summary: "List API keys (never their secrets)",
  middleware: requireScope("admin"),
  responses: {
    200: {
      description: "Keys",
      content: { "application/json": { schema: z.object({ data: z.array(ApiKeySchema) }) } },
    },
    ...errorResponses(401, 403),
  },
});

/** Lets an admin see which keys exist and when each was last used, to revoke the stale ones. */
export function registerListApiKeys(api: Api) {
  api.openapi(listApiKeysRoute, async (c) =>
    c.json({ data: (await listApiKeys(serviceContext(c))).map(keyJson) }, 200),
  );
}
