/** The facts of one spike alert, as the outbox row carries them to the listen-alert channel. */
export type ListenAlertFacts = {
  alertId: string;
  /** Distinct people in the window, and the level compared with: the median of 7 days, plus one. */
  authors: number;
  baseline: number;
  windowSeconds: number;
  topWords: string[];
  postUrls: string[];
  createdAt: string;
};

/** "10 min" for whole minutes (every default), else seconds: the window as a person reads it. */
function windowWords(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/**
 * The one sentence an on-call engineer reads on their phone. "Usually" is the
 * median of the same window over the last 7 days: the baseline minus the one
 * the rule adds so that a quiet account's zero never makes every two posts a
 * spike (saying "usually 1" when it is usually nobody would overstate it).
 *
 * @example
 * listenAlertText({ authors: 8, baseline: 1, windowSeconds: 600, topWords: ["login", "502"], postUrls: [url], ... })
 * // "Customers are reporting problems on X and no incident is open: 8 people in the last 10 min (usually 0).
 * //  Most used words: login, 502. Examples: https://x.com/ada/status/1"
 */
export function listenAlertText(facts: ListenAlertFacts): string {
  const parts = [
    `Customers are reporting problems on X and no incident is open: ${facts.authors} people in the last ${windowWords(facts.windowSeconds)} (usually ${Math.max(0, facts.baseline - 1)}).`,
  ];
  if (facts.topWords.length) parts.push(`Most used words: ${facts.topWords.join(", ")}.`);
  if (facts.postUrls.length) parts.push(`Examples: ${facts.postUrls.join(" ")}`);
  return parts.join(" ");
}

/**
 * The JSON POSTed to LISTEN_ALERT_WEBHOOK_URL: the facts in the API's
 * snake_case, and the sentence to forward as is (to a pager, a chat).
 *
 * @example JSON.stringify(listenAlertBody(facts)) // {"type":"listen.spike","alert":{"id":"lal_…",…,"text":"Customers are…"}}
 */
export function listenAlertBody(facts: ListenAlertFacts) {
  return {
    type: "listen.spike",
    alert: {
      id: facts.alertId,
      authors: facts.authors,
      baseline: facts.baseline,
      window_seconds: facts.windowSeconds,
      top_words: facts.topWords,
      post_urls: facts.postUrls,
      created_at: facts.createdAt,
      text: listenAlertText(facts),
    },
  };
}
