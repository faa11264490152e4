import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { deleteTemplate } from "../../../services/templates/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { NameParam } from "./schema.ts";

/** DELETE /api/v1/templates/{name}: its own definition, so the OpenAPI document and the contract test read it. */
export const deleteTemplateRoute = createRoute({
  method: "delete",
  path: "/api/v1/templates/{name}",
  tags,
  security,
  summary: "Delete an incident template",
  description: "Incidents declared from it keep their words; the audit log keeps what it held.",
  middleware: requireScope("incidents:write"),
  request: { params: NameParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 403, 404) },
});

/** A template no one should reach for any more. */
export function registerDeleteTemplate(api: Api) {
  api.openapi(deleteTemplateRoute, async (c) => {
    await deleteTemplate(serviceContext(c), c.req.valid("param").name);
    return c.body(null, 204);
  });
}
