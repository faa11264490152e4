import { render } from "./index.ts";
import { tweetLength, tweetLimit } from "./tweet.ts";

/**
 * The four ways an acknowledgement opens: an apology first, then that we know.
 * Fixed words, chosen by a person; never written by a model. pickAckVariant
 * keeps two in a row from reading the same.
 */
const openings = [
  "tweet/ack/opening/sorry-for-the-trouble",
  "tweet/ack/opening/sorry-aware",
  "tweet/ack/opening/sorry-not-alone",
  "tweet/ack/opening/sorry-about-this",
] as const;

/** How many wordings renderAck knows; pickAckVariant's `count`. */
export const ackVariantCount = openings.length;

export type AckFacts = {
  /** The author's handle, with or without "@". */
  handle: string;
  /** The incident's current promise, as written for its updates ("We don't have a fix time yet; next update by 14:30 UTC."). */
  promise: string;
  /** The incident's public page. */
  url: string;
  /** A way off X that people read: an address or a URL. */
  contact: string;
  /** How to stop automatic replies ("Reply STOP and we won't auto-reply again."). */
  stopHint: string;
  /** Which wording; any whole number, taken modulo ackVariantCount. */
  variant: number;
};

/**
 * How the reply gives way when it does not fit X's 280, from the first thing
 * to go to the last. The apology, the promise, the link and the stop hint
 * never go: they are the reply.
 * 1. the opening's second sentence of empathy;
 * 2. the contact's lead-in, "Or reach us off X at" to "Or:";
 * 3. "(Automated reply)" to "(Automated)";
 * 4. the contact itself: the incident page is linked.
 */
const shortenings = [
  { empathy: true, contact: true, longContact: true, longAutomated: true },
  { empathy: false, contact: true, longContact: true, longAutomated: true },
  { empathy: false, contact: true, longContact: false, longAutomated: true },
  { empathy: false, contact: true, longContact: false, longAutomated: false },
  { empathy: false, contact: false, longContact: false, longAutomated: false },
];

/**
 * The automatic acknowledgement to one person who mentioned us during an
 * incident: sorry, we know, the honest time (the incident's promise, never
 * more), the incident page, a way off X, how to stop these replies, and that
 * it is automated. Plain text (tweet/ templates are not HTML-escaped). Fits
 * 280 weighted characters as twitter-text counts them, shortening in the
 * order of `shortenings`; throws a RangeError when even the shortest form
 * does not fit (a promise or stop hint of nearly 280 characters), as cutting
 * the promise would say less than the truth. Throws a TypeError when the
 * handle, promise, link or stop hint is blank.
 *
 * @example
 * renderAck({ handle: "ann", promise: "We don't have a fix time yet; next update by 14:30 UTC.",
 *   url: "https://status.acme.com/incidents/inc_1", contact: "help@acme.com",
 *   stopHint: "Reply STOP and we won't auto-reply again.", variant: 0 })
 * // "@ann Sorry for the trouble — we know about the problem. It's frustrating, we know. We don't have…"
 */
export function renderAck(facts: AckFacts): string {
  // Without these the reply would not be the honest one the rules describe: better none.
  for (const part of ["handle", "promise", "url", "stopHint"] as const) {
    if (facts[part].trim() === "") throw new TypeError(`renderAck needs a ${part}`);
  }
  const n = openings.length;
  const opening = openings[(((Number.isFinite(facts.variant) ? Math.floor(facts.variant) : 0) % n) + n) % n];
  const contact = facts.contact.trim();
  for (const step of shortenings) {
    const text = render("tweet/ack/reply", {
      handle: facts.handle.trim().replace(/^@+/, ""),
      opening: render(opening, { empathy: step.empathy }).trim(),
      promise: facts.promise.trim(),
      url: facts.url.trim(),
      contact: step.contact ? contact : "",
      longContact: step.longContact,
      stopHint: facts.stopHint.trim(),
      longAutomated: step.longAutomated,
    }).trim();
    if (tweetLength(text) <= tweetLimit) return text;
  }
  throw new RangeError(
    `the acknowledgement does not fit ${tweetLimit} characters even without its contact; shorten the promise or the stop hint`,
  );
}

/** FNV-1a: a small, stable string hash; the same seed picks the same wording on every runtime. */
function hash(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Which wording the next acknowledgement uses: spread by `seed` (the post's
 * id, say) and never the `previous` one, so two replies in a row never read
 * the same. The same arguments always give the same answer.
 *
 * @example pickAckVariant(null, 4, "1790000000000000000") // 0 to 3
 * @example pickAckVariant(2, 4, "1790000000000000000") // 0, 1 or 3
 */
export function pickAckVariant(previous: number | null, count: number, seed: string): number {
  if (count <= 1) return 0;
  const h = hash(seed);
  if (previous === null || !Number.isInteger(previous) || previous < 0 || previous >= count) return h % count;
  // One of the other count - 1, evenly.
  const other = h % (count - 1);
  return other >= previous ? other + 1 : other;
}
