import { createRoute } from "@hono/zod-openapi";
import { getTemplate } from "../../../services/templates/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { one, security, tags } from "./common.ts";
import { NameParam } from "./schema.ts";
import { templateJson } from "./to-json.ts";

/** GET /api/v1/templates/{name}: any live key may read, so there is no scope middleware. */
export const getTemplateRoute = createRoute({
  method: "get",
  path: "/api/v1/templates/{name}",
  tags,
  security,
  summary: "One incident template",
  request: { params: NameParam },
  responses: { 200: { description: "The template", ...one }, ...errorResponses(400, 401, 404) },
});

/** What a template will fill in, read before using it. */
export function registerGetTemplate(api: Api) {
  api.openapi(getTemplateRoute, async (c) =>
    c.json({ data: templateJson(await getTemplate(serviceContext(c), c.req.valid("param").name)) }, 200),
  );
}
