import { reportedState, saysStop } from "./stop-words.ts";

/** One post in the author's own stream since the incident began. */
export type StreamPost = {
  text: string;
  at: Date;
  /** A reply to one of our posts: they are already in our thread. */
  repliesToUs: boolean;
  /** Our own post in their conversation (a reply from us, by hand or not). */
  fromUs?: boolean;
};

export type StreamVerdict =
  | { skip: false }
  | { skip: true; reason: "already_answered" | "works_now" | "asked_to_stop" };

/**
 * What the author's own posts since the incident began say about replying to
 * them now. Candor reads before it speaks, as a person would:
 * 1. asked_to_stop: any of their posts asks us to stop. First, because the
 *    caller keeps it for good and it must never be hidden behind another reason.
 * 2. already_answered: we answered them (`answeredByUs`, or a post of ours in
 *    their stream), or they replied in our thread, so they have our words.
 * 3. works_now: the newest of their posts that says anything about the
 *    service says it works; "it's back" then "down again" is still down.
 *
 * @example streamVerdict([{ text: "acme is down", at, repliesToUs: false }], { answeredByUs: false }) // { skip: false }
 * @example streamVerdict([{ text: "STOP", at, repliesToUs: true }], { answeredByUs: false })
 * // { skip: true, reason: "asked_to_stop" }
 */
export function streamVerdict(posts: StreamPost[], { answeredByUs }: { answeredByUs: boolean }): StreamVerdict {
  const theirs = posts.filter((p) => !p.fromUs).sort((a, b) => a.at.getTime() - b.at.getTime());
  if (theirs.some((p) => saysStop(p.text))) return { skip: true, reason: "asked_to_stop" };
  if (answeredByUs || posts.some((p) => p.fromUs || p.repliesToUs)) return { skip: true, reason: "already_answered" };
  let state: "works" | "broken" | null = null;
  for (const post of theirs) state = reportedState(post.text) ?? state;
  return state === "works" ? { skip: true, reason: "works_now" } : { skip: false };
}
