import { and, inArray, isNotNull } from "drizzle-orm";
import type { PromiseRecord } from "../../db/models.ts";
import { etaRevisions, incidentUpdates } from "../../db/schema/index.ts";
import { queryable, type ServiceContext } from "../context.ts";

const emptyRecord = (): PromiseRecord => ({
  eta: { made: 0, met: 0, missed: 0, pending: 0 },
  nextUpdate: { made: 0, keptByEngineers: 0, keptByMachine: 0, missed: 0, pending: 0 },
});

/**
 * Each incident's promise record: every ETA given (met, missed, or still
 * pending; replaced or withdrawn estimates count as made but neither), and
 * every next-update promise (kept by engineers, kept by the machine, missed).
 */
export async function promiseRecords(ctx: ServiceContext, incidentIds: string[]): Promise<Map<string, PromiseRecord>> {
  const records = new Map(incidentIds.map((id) => [id, emptyRecord()]));
  if (!incidentIds.length) return records;
  const [revisions, updates] = await Promise.all([
    queryable(ctx)
      .select({ incidentId: etaRevisions.incidentId, outcome: etaRevisions.outcome })
      .from(etaRevisions)
      .where(and(inArray(etaRevisions.incidentId, incidentIds), isNotNull(etaRevisions.eta))),
    queryable(ctx)
      .select({ incidentId: incidentUpdates.incidentId, outcome: incidentUpdates.promiseOutcome })
      .from(incidentUpdates)
      .where(and(inArray(incidentUpdates.incidentId, incidentIds), isNotNull(incidentUpdates.nextUpdateDueAt))),
  ]);
  for (const r of revisions) {
    const eta = (records.get(r.incidentId) as PromiseRecord).eta;
    eta.made++;
    if (r.outcome === "met") eta.met++;
    else if (r.outcome === "missed") eta.missed++;
    else if (r.outcome === null) eta.pending++;
  }
  for (const u of updates) {
    const next = (records.get(u.incidentId) as PromiseRecord).nextUpdate;
    next.made++;
    if (u.outcome === "kept_by_engineer") next.keptByEngineers++;
    else if (u.outcome === "kept_by_machine") next.keptByMachine++;
    else if (u.outcome === "missed") next.missed++;
    else next.pending++;
  }
  return records;
}
