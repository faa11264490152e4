/**
 * Scheduled maintenance. A maintenance is a row of `incidents` with kind
 * "maintenance": it gets its own X thread and email thread, its updates go
 * through the same outbox to every channel, and once the work has started
 * its planned end is an ETA, so the honesty engine treats an overrun exactly
 * like a missed ETA (an apology, then holding updates on the promised
 * cadence) until an engineer completes it. Reminders and starts are the
 * scheduler's (src/scheduler/maintenance-steps.ts).
 */
export { cancelMaintenance } from "./cancel.ts";
export { completeMaintenance } from "./complete.ts";
export { editMaintenance } from "./edit.ts";
export { getMaintenance } from "./get.ts";
export { listMaintenances } from "./list.ts";
export { maintenancePlan } from "./plan.ts";
export { postMaintenanceUpdate } from "./post-update.ts";
export { reminderAt } from "./reminder.ts";
export { scheduleMaintenance } from "./schedule.ts";
export type {
  CloseRequest,
  EditRequest,
  ForMaintenance,
  MaintenanceDetail,
  MaintenanceState,
  Notify,
  ProgressRequest,
  ScheduleRequest,
} from "./types.ts";
