import { and, count, inArray, isNotNull, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { incidentUpdates } from "../../db/schema/index.ts";

/** candor_promise_lateness_seconds's buckets, in seconds: the 60 s grace is one of them, so "on time" reads off it. */
export const latenessBounds = [1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600] as const;

/** What kept the promise: a holding update, a missed-ETA notice, or a maintenance reminder or start. */
export type LatenessKind = "holding" | "eta_missed" | "maintenance_step";

/** How late one kind of automatic update went out, over all time: `atOrBelow[i]` counts those within latenessBounds[i]. */
export type Lateness = { kind: LatenessKind; atOrBelow: number[]; count: number; sum: number };

const lateBy = incidentUpdates.lateBySeconds;
const kind = sql<LatenessKind>`case when ${incidentUpdates.kind} in ('reminder', 'started') then 'maintenance_step' else ${incidentUpdates.kind} end`;
// One count per bucket in one pass over the automatic updates; the bounds are ours, written into the SQL.
const atOrBelow = sql<number[]>`array[${sql.join(
  latenessBounds.map((b) => sql`count(*) filter (where ${lateBy} <= ${sql.raw(String(b))})`),
  sql`, `,
)}]::int[]`;

/**
 * How late the machine's updates went out (incident_updates.late_by_seconds),
 * by kind: one grouped row per kind, whatever the number of updates.
 */
export async function promiseLateness(tx: Queryable): Promise<Lateness[]> {
  const rows = await tx
    .select({ kind, atOrBelow, count: count(), sum: sql<number>`coalesce(sum(${lateBy}), 0)`.mapWith(Number) })
    .from(incidentUpdates)
    .where(and(isNotNull(lateBy), inArray(incidentUpdates.kind, ["holding", "eta_missed", "reminder", "started"])))
    .groupBy(kind);
  return rows.map((r) => ({ ...r, atOrBelow: r.atOrBelow.map(Number) }));
}
