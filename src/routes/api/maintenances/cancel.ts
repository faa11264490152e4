import { cancelMaintenance } from "../../../services/maintenances/index.ts";
import type { Api } from "../../env.ts";
import { closeMaintenanceHandler, closeMaintenanceRoute } from "./close.ts";

/** POST /api/v1/maintenances/{id}/cancel: its own definition, so the OpenAPI document and the contract test read it. */
export const cancelMaintenanceRoute = closeMaintenanceRoute(
  "cancel",
  "Cancel maintenance before it starts (announced on every channel)",
);

/** Calls off work that has not started; the cancellation is announced like the plan was. */
export function registerCancelMaintenance(api: Api) {
  api.openapi(cancelMaintenanceRoute, closeMaintenanceHandler(cancelMaintenance));
}
