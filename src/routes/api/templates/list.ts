import { createRoute, z } from "@hono/zod-openapi";
import { listTemplates } from "../../../services/templates/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { TemplateSchema } from "./schema.ts";
import { templateJson } from "./to-json.ts";

/** GET /api/v1/templates: any live key may read, so there is no scope middleware. */
export const listTemplatesRoute = createRoute({
  method: "get",
  path: "/api/v1/templates",
  tags,
  security,
  summary: "List incident templates, by name",
  responses: {
    200: {
      description: "Every template",
      content: { "application/json": { schema: z.object({ data: z.array(TemplateSchema) }) } },
    },
    ...errorResponses(401),
  },
});

/** The names a declaration or update can give as `template`. */
export function registerListTemplates(api: Api) {
  api.openapi(listTemplatesRoute, async (c) =>
    c.json({ data: (await listTemplates(serviceContext(c))).map(templateJson) }, 200),
  );
}
