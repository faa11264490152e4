// What falls due with the clock: automatic updates for the promises incidents
// made, and maintenance reminders and starts. The delivery engine runs these
// steps on its timer (and Workers' cron with a deadline).
export { createDuePoster } from "./due-poster.ts";
export { findDueIncidents, nextPromiseDueAt, postDueAutomaticUpdate } from "./incident-promises.ts";
export { findDueMaintenances, nextMaintenanceStepAt, runDueMaintenanceStep } from "./maintenance-steps.ts";
export { startWork } from "./start-work.ts";
export { tick } from "./tick.ts";
