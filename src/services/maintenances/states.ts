import type { MaintenanceStatus } from "../../domain/maintenance.ts";

/** A maintenance that still takes updates and edits. */
export const openStates: MaintenanceStatus[] = ["scheduled", "in_progress", "verifying"];

/** Under way: started and not yet closed. */
export const working = (status: string) => status === "in_progress" || status === "verifying";
