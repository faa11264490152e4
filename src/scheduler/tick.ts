import type { ServiceContext } from "../services/context.ts";
import { findDueIncidents, postDueAutomaticUpdate } from "./incident-promises.ts";
import { findDueMaintenances, runDueMaintenanceStep } from "./maintenance-steps.ts";

// Everything due now, posted one after another: Workers' cron pass and the
// tests use it; the Node engine's loop runs the due poster instead, which does
// not wait for one post before starting the next.

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
