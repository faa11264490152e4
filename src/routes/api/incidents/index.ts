import type { Api } from "../../env.ts";
import { registerDeclareIncident } from "./declare.ts";
import { registerGetIncident } from "./get.ts";
import { registerListIncidents } from "./list.ts";
import { registerPostIncidentUpdate } from "./post-update.ts";

export { declareIncidentRoute, registerDeclareIncident } from "./declare.ts";
export { getIncidentRoute, registerGetIncident } from "./get.ts";
export { listIncidentsRoute, registerListIncidents } from "./list.ts";
export { postIncidentUpdateRoute, registerPostIncidentUpdate } from "./post-update.ts";

/**
 * Registers declaring, updating and reading incidents. The order is the
 * OpenAPI document's order and Hono's matching order: keep it.
 */
export function registerIncidentRoutes(api: Api) {
  registerDeclareIncident(api);
  registerPostIncidentUpdate(api);
  registerListIncidents(api);
  registerGetIncident(api);
}
