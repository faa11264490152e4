// ETA advice: what the team's own record says about the ETA about to be
// promised. Facts only; src/render/text/eta-advice.ts words them, and
// docs/eta-advice.md explains every rule here with a worked example.

/** Fewer ETAs than this (or fewer incidents lasting past this age) is too little to go by. */
export const minHistory = 5;
/** The share of similar incidents the suggested ETA would have held for. */
export const heldShare = 0.8;
/** How far back the record reaches. */
export const adviceWindowDays = 90;

/** One incident of the window, resolved, with each ETA it gave that came due (met, or missed by how much). */
export type LedgerIncident = {
  id: string;
  impact: string;
  componentIds: readonly string[];
  startedAt: Date;
  resolvedAt: Date;
  etas: readonly { outcome: "met" | "missed"; overrunSeconds: number | null }[];
};

/** The incident the advice is for: its impact and components, and when it started (now, for one being declared). */
export type AdviceQuery = { impact: string; componentIds: readonly string[]; startedAt: Date };

export type EtaAdviceFacts = {
  /** False below `minHistory` ETAs: then nothing below is a figure to go by. */
  enoughHistory: boolean;
  /** Similar incidents, or all of them when similar ones gave fewer than `minHistory` ETAs. */
  basis: "similar" | "all";
  /** ETAs that came due for similar incidents, whichever basis was used. */
  similarEtas: number;
  etas: number;
  met: number;
  missed: number;
  medianOverrunSeconds: number | null;
  p80OverrunSeconds: number | null;
  /** How long the incident has been going on (0 for one being declared). */
  ageSeconds: number;
  /** Incidents of the basis that were still going at that age. */
  incidentsPastAge: number;
  /** The ETA that `heldShare` of those would have met, to the minute up; null with too few of them. */
  etaHeld: Date | null;
};

/**
 * Same impact, and at least one component in common; with no components
 * given, the same impact is enough.
 */
export function isSimilar(incident: Pick<LedgerIncident, "impact" | "componentIds">, query: AdviceQuery): boolean {
  if (incident.impact !== query.impact) return false;
  if (!query.componentIds.length) return true;
  return incident.componentIds.some((id) => query.componentIds.includes(id));
}

/**
 * The nearest-rank percentile: the smallest value that at least `p` of the
 * values are at or below. Null for none.
 *
 * @example percentile([10, 20, 30, 40, 50], 0.8) // 40
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/**
 * The median: the middle value, or the mean of the middle two rounded to the
 * second (as GET /api/v1/stats/promises gives it). Null for none.
 *
 * @example median([60, 120, 600, 900]) // 360
 */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

const countEtas = (incidents: readonly LedgerIncident[]) => incidents.reduce((n, i) => n + i.etas.length, 0);

/**
 * What the record says for an ETA given `now` on an incident like `query`.
 * "At this point": of the incidents still going at this one's age, how long
 * they took in all; the ETA is this incident's start plus the 80th percentile
 * of that, so it would have held for 80% of them.
 *
 * @example etaAdvice(ledger, { impact: "major", componentIds: ["cmp_api"], startedAt: now }, now).etaHeld
 */
export function etaAdvice(ledger: readonly LedgerIncident[], query: AdviceQuery, now: Date): EtaAdviceFacts {
  const similar = ledger.filter((i) => isSimilar(i, query));
  const similarEtas = countEtas(similar);
  const basis = similarEtas >= minHistory ? "similar" : "all";
  const chosen = basis === "similar" ? similar : ledger;
  const etas = chosen.flatMap((i) => i.etas);
  const met = etas.filter((e) => e.outcome === "met").length;
  const enoughHistory = etas.length >= minHistory;
  const overruns = etas.flatMap((e) => (e.outcome === "missed" && e.overrunSeconds !== null ? [e.overrunSeconds] : []));

  const ageMs = Math.max(0, now.getTime() - query.startedAt.getTime());
  // Resolved at exactly this age means it was no longer going: it is not one of them.
  const durations = chosen.map((i) => i.resolvedAt.getTime() - i.startedAt.getTime()).filter((ms) => ms > ageMs);
  const heldMs = enoughHistory && durations.length >= minHistory ? percentile(durations, heldShare) : null;
  return {
    enoughHistory,
    basis,
    similarEtas,
    etas: etas.length,
    met,
    missed: etas.length - met,
    medianOverrunSeconds: enoughHistory ? median(overruns) : null,
    p80OverrunSeconds: enoughHistory ? percentile(overruns, heldShare) : null,
    ageSeconds: Math.floor(ageMs / 1000),
    incidentsPastAge: durations.length,
    etaHeld: heldMs === null ? null : new Date(Math.ceil((query.startedAt.getTime() + heldMs) / 60_000) * 60_000),
  };
}
