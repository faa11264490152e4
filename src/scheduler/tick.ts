import type { ServiceContext } from "../services/context.ts";
import { findDueIncidents, nextPromiseDueAt, postDueAutomaticUpdate } from "./incident-promises.ts";
import { findDueMaintenances, nextMaintenanceStepAt, runDueMaintenanceStep } from "./maintenance-steps.ts";

// The engine's one door into the scheduler: the loop calls tick() when it
// wakes and nextScheduledAt() to know when to wake.

/** Posts every automatic update due now: maintenance reminders and starts, holding updates, missed ETAs. */
export async function tick(ctx: ServiceContext): Promise<number> {
  let posted = 0;
  for (const id of await findDueMaintenances(ctx, ctx.clock())) {
    if (await runDueMaintenanceStep(ctx, id)) posted++;
  }
  for (const incidentId of await findDueIncidents(ctx, ctx.clock())) {
    if (await postDueAutomaticUpdate(ctx, incidentId)) posted++;
  }
  return posted;
}

/** When the scheduler next has something to post (a promise, a maintenance step), so the loop wakes on time. */
export function nextScheduledAt(ctx: ServiceContext): Promise<[Date | null, Date | null]> {
  return Promise.all([nextPromiseDueAt(ctx), nextMaintenanceStepAt(ctx)]);
}
