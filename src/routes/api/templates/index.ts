import type { Api } from "../../env.ts";
import { registerCreateTemplate } from "./create.ts";
import { registerDeleteTemplate } from "./delete.ts";
import { registerGetTemplate } from "./get.ts";
import { registerListTemplates } from "./list.ts";
import { registerUpdateTemplate } from "./update.ts";

export { createTemplateRoute, registerCreateTemplate } from "./create.ts";
export { deleteTemplateRoute, registerDeleteTemplate } from "./delete.ts";
export { getTemplateRoute, registerGetTemplate } from "./get.ts";
export { listTemplatesRoute, registerListTemplates } from "./list.ts";
export { registerUpdateTemplate, updateTemplateRoute } from "./update.ts";

/**
 * Registers the incident template routes. The order is the OpenAPI
 * document's order and Hono's matching order: keep it.
 */
export function registerTemplateRoutes(api: Api) {
  registerListTemplates(api);
  registerCreateTemplate(api);
  registerGetTemplate(api);
  registerUpdateTemplate(api);
  registerDeleteTemplate(api);
}
