// ETA advice: what the team's own record says about the ETA about to be
// promised. Facts only; src/render/text/eta-advice.ts words them, and
// docs/eta-advice.md explains every rule here with a worked example.

/** Fewer ETAs than this (or fewer incidents lasting past this age) is too little to go by. */
export const minHistory = 5;
/** The share of similar incidents the suggested ETA would have held for. */
export const heldShare = 0.8;
/** How far back the record reaches. */
export const adviceWindowDays = 90;

/**
 * One side of the similarity line (src/services/eta-advice/ledger.ts draws
 * it: same impact, a component in common): the ETAs of the window's resolved
 * incidents that came due, and how long each of those incidents took.
 */
export type LedgerSide = {
  etas: number;
  met: number;
  /** One per missed ETA: by how long recovery came after it. */
  overrunSeconds: readonly number[];
  /** One per incident that gave those ETAs: from its start to its resolution. */
  durationSeconds: readonly number[];
};

/**
 * The window's ledger: the incidents similar to the one advised on, and all
 * of them (similar ones included). `all` may be left unread (null) when the
 * similar ones gave `minHistory` ETAs or more, since it is not used then.
 */
export type AdviceLedger = { similar: LedgerSide; all: LedgerSide | null };

/** When the incident the advice is for started: now, for one being declared. */
export type AdviceQuery = { startedAt: Date };

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

/**
 * What the record says for an ETA given `now` on an incident that started at
 * `query.startedAt`. "At this point": of the incidents still going at this
 * one's age, how long they took in all; the ETA is this incident's start plus
 * the 80th percentile of that, so it would have held for 80% of them.
 *
 * @example etaAdvice(await adviceLedger(ctx, since, similarTo), { startedAt: now }, now).etaHeld
 */
export function etaAdvice(ledger: AdviceLedger, query: AdviceQuery, now: Date): EtaAdviceFacts {
  const basis = ledger.similar.etas >= minHistory ? "similar" : "all";
  const chosen = basis === "similar" ? ledger.similar : (ledger.all ?? ledger.similar);
  const enoughHistory = chosen.etas >= minHistory;
  const ageMs = Math.max(0, now.getTime() - query.startedAt.getTime());
  // Resolved at exactly this age means it was no longer going: it is not one of them.
  const durations = chosen.durationSeconds.map((s) => s * 1000).filter((ms) => ms > ageMs);
  const heldMs = enoughHistory && durations.length >= minHistory ? percentile(durations, heldShare) : null;
  return {
    enoughHistory,
    basis,
    similarEtas: ledger.similar.etas,
    etas: chosen.etas,
    met: chosen.met,
    missed: chosen.etas - chosen.met,
    medianOverrunSeconds: enoughHistory ? median(chosen.overrunSeconds) : null,
    p80OverrunSeconds: enoughHistory ? percentile(chosen.overrunSeconds, heldShare) : null,
    ageSeconds: Math.floor(ageMs / 1000),
    incidentsPastAge: durations.length,
    etaHeld: heldMs === null ? null : new Date(Math.ceil((query.startedAt.getTime() + heldMs) / 60_000) * 60_000),
  };
}
