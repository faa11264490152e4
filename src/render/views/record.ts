import type { EtaRevision } from "../../db/models.ts";

/** One incident of the record's window, with how its promises turned out. */
export type IncidentPromiseCounts = {
  id: string;
  startedAt: Date;
  etasMet: number;
  etasMissed: number;
  /** Next-update promises kept, by engineers or by Candor's holding updates. */
  updatesOnTime: number;
  updatesLate: number;
};

/** One ETA of the ledger, with the incident it was given for. */
export type RecordLedgerRow = EtaRevision & {
  incident: { id: string; title: string; startedAt: Date; resolvedAt: Date | null };
};

/** The last `days` days' record as the record service reads it; `ledger` is empty unless asked for. */
export type RecordData = {
  since: Date;
  days: number;
  counts: IncidentPromiseCounts[];
  ledger: RecordLedgerRow[];
};

export type RecordTotals = {
  incidents: number;
  updates: { settled: number; onTime: number };
  etas: { given: number; met: number };
};

/**
 * The counts summed: the promises that came due (kept or missed), not those
 * still pending, nor ETAs replaced before they passed.
 *
 * @example recordTotals(counts).etas // { given: 10, met: 7 }
 */
export function recordTotals(counts: readonly IncidentPromiseCounts[]): RecordTotals {
  const totals: RecordTotals = {
    incidents: counts.length,
    updates: { settled: 0, onTime: 0 },
    etas: { given: 0, met: 0 },
  };
  for (const c of counts) {
    totals.updates.settled += c.updatesOnTime + c.updatesLate;
    totals.updates.onTime += c.updatesOnTime;
    totals.etas.given += c.etasMet + c.etasMissed;
    totals.etas.met += c.etasMet;
  }
  return totals;
}

/**
 * The share of promised updates that came on time as a whole percent, rounded
 * down so the record never flatters (99.6% is "99%"); null with none due.
 *
 * @example onTimePercent({ settled: 40, onTime: 39 }) // 97
 */
export const onTimePercent = (u: RecordTotals["updates"]): number | null =>
  u.settled ? Math.floor((u.onTime * 100) / u.settled) : null;
