import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { IncidentSummary } from "../../db/models.ts";
import { incidents } from "../../db/schema/index.ts";
import type { MaintenanceStatus } from "../../domain/maintenance.ts";
import type { ServiceContext } from "../context.ts";
import { listIncidentSummaries } from "../incidents/summaries.ts";
import { openStates } from "./states.ts";
import type { MaintenanceState } from "./types.ts";

/**
 * Maintenances by state: upcoming (scheduled, soonest first), active (in
 * progress or verifying), open (both), past (completed or cancelled, latest
 * first); with no state, all of them, latest window first.
 *
 * @example
 * const upcoming = await listMaintenances(ctx, { state: "upcoming", limit: 50 });
 */
export async function listMaintenances(
  ctx: ServiceContext,
  input: { state?: MaintenanceState; limit: number },
): Promise<IncidentSummary[]> {
  const { state, limit } = input;
  const statuses: Record<MaintenanceState, MaintenanceStatus[]> = {
    upcoming: ["scheduled"],
    active: ["in_progress", "verifying"],
    open: openStates,
    past: ["completed", "cancelled"],
  };
  const rows = await ctx.db
    .select()
    .from(incidents)
    .where(and(eq(incidents.kind, "maintenance"), state ? inArray(incidents.status, statuses[state]) : undefined))
    .orderBy(
      state === "upcoming" || state === "open" ? asc(incidents.scheduledFor) : desc(incidents.scheduledFor),
      asc(incidents.id),
    )
    .limit(limit);
  return listIncidentSummaries(ctx, rows);
}
