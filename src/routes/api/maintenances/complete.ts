import { completeMaintenance } from "../../../services/maintenances/index.ts";
import type { Api } from "../../env.ts";
import { closeMaintenanceHandler, closeMaintenanceRoute } from "./close.ts";

/** POST /api/v1/maintenances/{id}/complete: its own definition, so the OpenAPI document and the contract test read it. */
export const completeMaintenanceRoute = closeMaintenanceRoute(
  "complete",
  "Complete maintenance: components return to their former status, completed is posted",
);

/** Ends the work: components go back to what they were before it, and everyone is told. */
export function registerCompleteMaintenance(api: Api) {
  api.openapi(completeMaintenanceRoute, closeMaintenanceHandler(completeMaintenance));
}
