import type { Api } from "../../env.ts";
import { registerCreateComponent } from "./create.ts";
import { registerDeleteComponent } from "./delete.ts";
import { registerListComponents } from "./list.ts";
import { registerUpdateComponent } from "./update.ts";

export { createComponentRoute, registerCreateComponent } from "./create.ts";
export { deleteComponentRoute, registerDeleteComponent } from "./delete.ts";
export { listComponentsRoute, registerListComponents } from "./list.ts";
export { registerUpdateComponent, updateComponentRoute } from "./update.ts";

/**
 * Registers the component routes on the management API. The order is the
 * OpenAPI document's order and Hono's matching order: keep it.
 */
export function registerComponentRoutes(api: Api) {
  registerListComponents(api);
  registerCreateComponent(api);
  registerUpdateComponent(api);
  registerDeleteComponent(api);
}
