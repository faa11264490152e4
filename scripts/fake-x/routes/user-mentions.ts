/** GET /2/users/:id/mentions: the posts that mention an account, newest first, the newest 800 only. */
import { everyPost, findPost } from "../posts.ts";
import type { FakeXState } from "../state.ts";
import type { Answer, FakeTweet } from "../types.ts";
import { answerUserTimeline, timelineRules } from "./user-timeline.ts";

/** X's documents: "Up to 800 most recent mentions"; asking past them is a 200 without data. */
const mentionsReach = 800;

/**
 * What the timeline holds: other accounts' posts that @mention the account,
 * or quote one of its posts ("includes replies and quote Posts", and a reply
 * carries the parent author's @handle). Retweets are left out: they repeat a
 * post rather than address anyone (not confirmed from X's documents).
 */
function mentionsOf(state: FakeXState, userId: string): FakeTweet[] {
  const quotesUs = (p: FakeTweet) => p.quotedId !== null && findPost(state, p.quotedId)?.authorId === userId;
  return everyPost(state)
    .filter((p) => p.authorId !== userId && !p.retweetedId)
    .filter((p) => p.mentions.some((m) => m.id === userId) || quotesUs(p))
    .slice(0, mentionsReach);
}

export function userMentions(state: FakeXState, id: string, url: URL): Answer {
  return answerUserTimeline(state, "GET /2/users/:id/mentions", id, url, timelineRules(), (user) =>
    mentionsOf(state, user.id),
  );
}
