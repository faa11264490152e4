/** A post in the inbox, reduced to what decides whether it may get an automatic reply. */
export type AckPost = {
  /** X marked it as mentioning our account (an entity, not just the handle's text). */
  mentionsUs: boolean;
  fromUs: boolean;
  isRetweet: boolean;
  postedAt: Date;
  /** Which polls found it; a post can be found by both. */
  foundBy: ("mentions" | "search")[];
};

export type AckInput = {
  post: AckPost;
  now: Date;
  incidentOpen: boolean;
  /** The author asked us to stop replying (in this incident or before). */
  authorStopped: boolean;
  /** Automatic acknowledgements sent in the last 15 minutes, to anyone. */
  sentInLast15m: number;
  capPer15m: number;
};

export type AckRefusal =
  | "ours"
  | "retweet"
  | "search_only"
  | "not_mentioned"
  | "no_incident"
  | "stopped"
  | "too_old"
  | "capped";

export type AckDecision = { ok: true } | { ok: false; reason: AckRefusal };

/** Older than this, a reply reads as if nobody was listening at the time: better none. */
export const ackMaxAgeMs = 2 * 60 * 60 * 1000;

/**
 * Whether a post may get Candor's automatic acknowledgement. The caller also
 * keeps it to one per person per incident, and reads the author's stream
 * first (read-stream.ts).
 *
 * The checks run from the most fundamental to the most passing, so the
 * reason recorded is the one that would still hold if the others changed:
 * 1. ours: we never answer ourselves.
 * 2. retweet: a retweet repeats someone else's words; the author said nothing to us.
 * 3. search_only: found only by the keyword search, so not addressed to us:
 *    people talking about us are not asking us, even if the text holds our handle.
 * 4. not_mentioned: found among mentions yet X does not mark us as mentioned
 *    (the handle dropped from a reply chain, say): not addressed to us either.
 * 5. no_incident: without an open incident there is nothing honest to say.
 * 6. stopped: the author asked us not to reply; this holds for every incident.
 * 7. too_old: more than 2 hours old.
 * 8. capped: the cap for the last 15 minutes is reached; the only reason that
 *    passes by itself, so it comes last.
 *
 * @example
 * acknowledgeable({ post: { mentionsUs: true, fromUs: false, isRetweet: false, postedAt, foundBy: ["mentions"] },
 *   now, incidentOpen: true, authorStopped: false, sentInLast15m: 3, capPer15m: 30 }) // { ok: true }
 */
export function acknowledgeable(input: AckInput): AckDecision {
  const { post } = input;
  const refuse = (reason: AckRefusal): AckDecision => ({ ok: false, reason });
  if (post.fromUs) return refuse("ours");
  if (post.isRetweet) return refuse("retweet");
  if (!post.foundBy.includes("mentions")) {
    return refuse(post.foundBy.includes("search") ? "search_only" : "not_mentioned");
  }
  if (!post.mentionsUs) return refuse("not_mentioned");
  if (!input.incidentOpen) return refuse("no_incident");
  if (input.authorStopped) return refuse("stopped");
  if (input.now.getTime() - post.postedAt.getTime() > ackMaxAgeMs) return refuse("too_old");
  if (input.sentInLast15m >= input.capPer15m) return refuse("capped");
  return { ok: true };
}
