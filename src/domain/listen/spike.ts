/** One post in the inbox, reduced to what the spike rule counts. */
export type SpikePost = { authorId: string; at: Date };

export type SpikeInput = {
  now: Date;
  /** How far back "now" reaches, e.g. 15 minutes. */
  windowMs: number;
  /** Fewer distinct authors than this is never a spike, whatever the baseline. */
  minAuthors: number;
  /** How many times the usual count makes a spike, e.g. 3. */
  factor: number;
  /** After an alert, how long before the next one may page again. */
  cooldownMs: number;
  lastAlertAt: Date | null;
  incidentOpen: boolean;
  /**
   * Posts about us, without our own and without replies in our threads
   * (those are the conversation we started, not a sign of trouble). They
   * must reach back 7 days and one window.
   */
  posts: SpikePost[];
};

export type SpikeVerdict = {
  /** Distinct authors in the window ending now. */
  authors: number;
  /** The median of the same window on each of the last 7 days, plus one. */
  baseline: number;
  /** Page the on-call engineer. */
  alert: boolean;
  /** A spike during an open incident: note it there instead of paging. */
  recordOnIncident: boolean;
  why: "too_few_authors" | "usual_volume" | "incident_open" | "cooling_down" | "spike";
};

const dayMs = 24 * 60 * 60 * 1000;
const baselineDays = 7;

/** Distinct authors with a post in (end - windowMs, end]. */
function authorsBetween(posts: SpikePost[], end: number, windowMs: number): number {
  const authors = new Set<string>();
  for (const post of posts) {
    const at = post.at.getTime();
    if (at > end - windowMs && at <= end) authors.add(post.authorId);
  }
  return authors.size;
}

/**
 * The spike rule: are noticeably more people talking about us now than at
 * this time of day last week? It counts distinct authors, not posts, so one
 * angry person posting twenty times is not a spike. The baseline is the median
 * of the same window on each of the last 7 days (a day is 24 hours), so one
 * busy day (a launch, last week's outage) does not raise it, and plus one, so
 * a quiet account's zero does not make every two posts "infinitely" more.
 *
 * It is a spike when authors ≥ minAuthors and authors ≥ factor × baseline.
 * During an open incident engineers already know: the spike is recorded on
 * the incident and nobody is paged. Otherwise it pages unless the last alert
 * is younger than the cooldown.
 *
 * @example
 * spikeVerdict({ now, windowMs: 15 * 60_000, minAuthors: 5, factor: 3, cooldownMs: 3_600_000,
 *   lastAlertAt: null, incidentOpen: false, posts })
 * // { authors: 9, baseline: 2, alert: true, recordOnIncident: false, why: "spike" }
 */
export function spikeVerdict(input: SpikeInput): SpikeVerdict {
  const now = input.now.getTime();
  const authors = authorsBetween(input.posts, now, input.windowMs);
  const pastDays = Array.from({ length: baselineDays }, (_, i) =>
    authorsBetween(input.posts, now - (i + 1) * dayMs, input.windowMs),
  ).sort((a, b) => a - b);
  const baseline = pastDays[(baselineDays - 1) / 2] + 1;
  const verdict = (why: SpikeVerdict["why"]): SpikeVerdict => ({
    authors,
    baseline,
    alert: why === "spike",
    recordOnIncident: why === "incident_open",
    why,
  });
  if (authors < input.minAuthors) return verdict("too_few_authors");
  if (authors < input.factor * baseline) return verdict("usual_volume");
  if (input.incidentOpen) return verdict("incident_open");
  const cooledDown = input.lastAlertAt === null || now - input.lastAlertAt.getTime() > input.cooldownMs;
  return verdict(cooledDown ? "spike" : "cooling_down");
}
