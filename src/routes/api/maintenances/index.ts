import type { Api } from "../../env.ts";
import { registerCancelMaintenance } from "./cancel.ts";
import { registerCompleteMaintenance } from "./complete.ts";
import { registerEditMaintenance } from "./edit.ts";
import { registerGetMaintenance } from "./get.ts";
import { registerListMaintenances } from "./list.ts";
import { registerPostMaintenanceUpdate } from "./post-update.ts";
import { registerScheduleMaintenance } from "./schedule.ts";

export { cancelMaintenanceRoute, registerCancelMaintenance } from "./cancel.ts";
export { completeMaintenanceRoute, registerCompleteMaintenance } from "./complete.ts";
export { editMaintenanceRoute, registerEditMaintenance } from "./edit.ts";
export { getMaintenanceRoute, registerGetMaintenance } from "./get.ts";
export { listMaintenancesRoute, registerListMaintenances } from "./list.ts";
export { postMaintenanceUpdateRoute, registerPostMaintenanceUpdate } from "./post-update.ts";
export { registerScheduleMaintenance, scheduleMaintenanceRoute } from "./schedule.ts";

/**
 * Registers scheduling, editing, completing and cancelling maintenance. The
 * order is the OpenAPI document's order and Hono's matching order: keep it.
 */
export function registerMaintenanceRoutes(api: Api) {
  registerScheduleMaintenance(api);
  registerListMaintenances(api);
  registerGetMaintenance(api);
  registerEditMaintenance(api);
  registerPostMaintenanceUpdate(api);
  registerCompleteMaintenance(api);
  registerCancelMaintenance(api);
}
