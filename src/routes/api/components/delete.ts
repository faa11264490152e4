import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { deleteComponent } from "../../../services/components/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { SlugParam } from "./schema.ts";

/** DELETE /api/v1/components/{slug}: its own definition, so the OpenAPI document and the contract test read it. */
export const deleteComponentRoute = createRoute({
  method: "delete",
  path: "/api/v1/components/{slug}",
  tags,
  security,
  summary: "Delete a component (past incidents keep naming it)",
  middleware: requireScope("components:write"),
  request: { params: SlugParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404, 409) },
});

/** Takes a component off the page; the service keeps past incidents' history intact. */
export function registerDeleteComponent(api: Api) {
  api.openapi(deleteComponentRoute, async (c) => {
    await deleteComponent(serviceContext(c), c.req.valid("param").slug);
    return c.body(null, 204);
  });
}
