import type { Api } from "../../env.ts";
import { registerDeclareIncident } from "./declare.ts";
import { registerEditIncident } from "./edit.ts";
import { registerEditIncidentUpdate } from "./edit-update.ts";
import { registerGetIncident } from "./get.ts";
import { registerHideIncidentUpdate } from "./hide-update.ts";
import { registerListIncidents } from "./list.ts";
import { registerPostIncidentUpdate } from "./post-update.ts";

export { declareIncidentRoute, registerDeclareIncident } from "./declare.ts";
export { editIncidentRoute, registerEditIncident } from "./edit.ts";
export { editIncidentUpdateRoute, registerEditIncidentUpdate } from "./edit-update.ts";
export { getIncidentRoute, registerGetIncident } from "./get.ts";
export { hideIncidentUpdateRoute, registerHideIncidentUpdate } from "./hide-update.ts";
export { listIncidentsRoute, registerListIncidents } from "./list.ts";
export { postIncidentUpdateRoute, registerPostIncidentUpdate } from "./post-update.ts";

/**
 * Registers declaring, updating, correcting and reading incidents. The order
 * is the OpenAPI document's order and Hono's matching order: keep it.
 */
export function registerIncidentRoutes(api: Api) {
  registerDeclareIncident(api);
  registerPostIncidentUpdate(api);
  registerListIncidents(api);
  registerGetIncident(api);
  registerEditIncident(api);
  registerEditIncidentUpdate(api);
  registerHideIncidentUpdate(api);
}
