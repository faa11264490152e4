import { and, eq, gte, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { PromiseRecord } from "../db/models.ts";
import { etaRevisions, incidents, incidentUpdates } from "../db/schema/index.ts";

export type { PromiseRecord } from "../db/models.ts";

const emptyRecord = (): PromiseRecord => ({
  eta: { made: 0, met: 0, missed: 0, pending: 0 },
  nextUpdate: { made: 0, keptByEngineers: 0, keptByMachine: 0, missed: 0, pending: 0 },
});

/**
 * Each incident's promise record: every ETA given (met, missed, or still
 * pending; replaced or withdrawn estimates count as made but neither), and
 * every next-update promise (kept by engineers, kept by the machine, missed).
 */
export async function promiseRecords(db: Db, incidentIds: string[]): Promise<Map<string, PromiseRecord>> {
  const records = new Map(incidentIds.map((id) => [id, emptyRecord()]));
  if (!incidentIds.length) return records;
  const [revisions, updates] = await Promise.all([
    db
      .select({ incidentId: etaRevisions.incidentId, outcome: etaRevisions.outcome })
      .from(etaRevisions)
      .where(and(inArray(etaRevisions.incidentId, incidentIds), isNotNull(etaRevisions.eta))),
    db
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

export type PromiseStats = {
  since: Date;
  incidents: number;
  eta: { settled: number; met: number; missed: number; metShare: number | null; medianOverrunSeconds: number | null };
  nextUpdate: {
    settled: number;
    keptByEngineersShare: number | null;
    keptByMachineShare: number | null;
    missedShare: number | null;
  };
};

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : null);

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/**
 * How well promises were kept over incidents started in the last `days` days.
 * Incidents only: a maintenance's planned end is a plan made days ahead, not
 * an estimate made under pressure, and would flatter (or muddy) the record.
 */
export async function promiseStats(db: Db, now: Date, days = 90): Promise<PromiseStats> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const recent = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.kind, "incident"), gte(incidents.startedAt, since)));
  const ids = recent.map((r) => r.id);
  const overruns = ids.length
    ? await db
        .select({ seconds: etaRevisions.missedBySeconds })
        .from(etaRevisions)
        .where(and(inArray(etaRevisions.incidentId, ids), eq(etaRevisions.outcome, "missed")))
    : [];
  let met = 0;
  let missed = 0;
  let byEngineers = 0;
  let byMachine = 0;
  let late = 0;
  for (const record of (await promiseRecords(db, ids)).values()) {
    met += record.eta.met;
    missed += record.eta.missed;
    byEngineers += record.nextUpdate.keptByEngineers;
    byMachine += record.nextUpdate.keptByMachine;
    late += record.nextUpdate.missed;
  }
  const settled = byEngineers + byMachine + late;
  return {
    since,
    incidents: ids.length,
    eta: {
      settled: met + missed,
      met,
      missed,
      metShare: share(met, met + missed),
      medianOverrunSeconds: median(overruns.map((o) => o.seconds ?? 0)),
    },
    nextUpdate: {
      settled,
      keptByEngineersShare: share(byEngineers, settled),
      keptByMachineShare: share(byMachine, settled),
      missedShare: share(late, settled),
    },
  };
}
