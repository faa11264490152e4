import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "../../db/client.ts";
import { incidentUpdates } from "../../db/schema/index.ts";
import { postedBy } from "../../domain/promises.ts";

/** Settled next-update promises: who answered them (the machine or an engineer), and whether in time. */
export type PromiseOutcome = { keptBy: "engineer" | "machine"; outcome: "kept" | "missed"; count: number };

const next = alias(incidentUpdates, "next_update");

/**
 * Every settled next-update promise (incident_updates.promise_outcome),
 * grouped by the kind of update that answered it (the one after it, found
 * through the (incident, seq) index) and the outcome: a few dozen rows at most.
 */
export async function promiseOutcomes(tx: Queryable): Promise<PromiseOutcome[]> {
  const rows = await tx
    .select({ answeredBy: next.kind, outcome: incidentUpdates.promiseOutcome, n: count() })
    .from(incidentUpdates)
    .innerJoin(
      next,
      and(eq(next.incidentId, incidentUpdates.incidentId), eq(next.seq, sql`${incidentUpdates.seq} + 1`)),
    )
    .where(isNotNull(incidentUpdates.promiseOutcome))
    .groupBy(next.kind, incidentUpdates.promiseOutcome);
  const totals = new Map<string, PromiseOutcome>();
  for (const r of rows) {
    const keptBy = postedBy(r.answeredBy);
    const outcome = r.outcome === "missed" ? "missed" : "kept";
    const key = `${keptBy} ${outcome}`;
    const found = totals.get(key) ?? { keptBy, outcome, count: 0 };
    found.count += r.n;
    totals.set(key, found);
  }
  return [...totals.values()];
}
