import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { revokeApiKey } from "../../../services/api-keys/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";

/** DELETE /api/v1/api-keys/{id}: revoking keys is admin work. */
export const revokeApiKeyRoute = createRoute({
  method: "delete",
  path: "/api/v1/api-keys/{id}",
  tags,
  security,
  summary: "Revoke an API key",
  middleware: requireScope("admin"),
  request: {
    params: z.object({
      id: z
        .string()
        .max(64)
        .openapi({ param: { name: "id", in: "path" } }),
    }),
  },
  responses: { 204: { description: "Revoked" }, ...errorResponses(401, 403, 404, 409) },
});

/** A leaked or unused key stops working at once; its row stays, marked revoked (never the last admin key). */
export function registerRevokeApiKey(api: Api) {
  api.openapi(revokeApiKeyRoute, async (c) => {
    await revokeApiKey(serviceContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
}
