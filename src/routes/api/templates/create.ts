import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { createTemplate } from "../../../services/templates/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import { one, security, tags } from "./common.ts";
import { CreateTemplateSchema } from "./schema.ts";
import { templateJson, toTemplateInput } from "./to-json.ts";

/** POST /api/v1/templates: its own definition, so the OpenAPI document and the contract test read it. */
export const createTemplateRoute = createRoute({
  method: "post",
  path: "/api/v1/templates",
  tags,
  security,
  summary: "Save an incident template",
  description:
    "Checked as an incident is: a bad status, impact, interval or component is refused now, naming the field. A name already taken is a 409.",
  middleware: requireScope("incidents:write"),
  request: { body: jsonBody(CreateTemplateSchema) },
  responses: { 201: { description: "Saved", ...one }, ...writeErrors, ...errorResponses(409) },
});

/** Words written ahead, calmly, for the night they are needed. */
export function registerCreateTemplate(api: Api) {
  api.openapi(createTemplateRoute, async (c) => {
    const row = await createTemplate(serviceContext(c), toTemplateInput(c.req.valid("json")));
    return c.json({ data: templateJson(row) }, 201);
  });
}
