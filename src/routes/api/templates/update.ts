import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { updateTemplate } from "../../../services/templates/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import { one, security, tags } from "./common.ts";
import { NameParam, PatchTemplateSchema } from "./schema.ts";
import { templateJson, toTemplatePatch } from "./to-json.ts";

/** PATCH /api/v1/templates/{name}: its own definition, so the OpenAPI document and the contract test read it. */
export const updateTemplateRoute = createRoute({
  method: "patch",
  path: "/api/v1/templates/{name}",
  tags,
  security,
  summary: "Edit an incident template",
  description: "Fields left out keep their value; null clears an optional one; components given replace the old ones.",
  middleware: requireScope("incidents:write"),
  request: { params: NameParam, body: jsonBody(PatchTemplateSchema) },
  responses: { 200: { description: "Edited", ...one }, ...writeErrors, ...errorResponses(404, 409) },
});

/** Templates change with the system they describe (a component renamed or gone). */
export function registerUpdateTemplate(api: Api) {
  api.openapi(updateTemplateRoute, async (c) => {
    const ctx = serviceContext(c);
    const row = await updateTemplate(ctx, c.req.valid("param").name, toTemplatePatch(c.req.valid("json")));
    return c.json({ data: templateJson(row) }, 200);
  });
}
