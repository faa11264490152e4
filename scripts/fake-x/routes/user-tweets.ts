/** GET /2/users/:id/tweets: an account's own posts, newest first, the newest 3,200 only (800 without replies). */
import { readNameList } from "../fields.ts";
import { everyPost } from "../posts.ts";
import type { FakeXState } from "../state.ts";
import type { Answer, FakeTweet } from "../types.ts";
import { answerUserTimeline, timelineRules } from "./user-timeline.ts";

/** X's documents ("Volume limits"): 3,200 posts, or 800 when replies are excluded; asking past them is a 200 without data. */
const userPostsReach = 3200;
const userPostsWithoutRepliesReach = 800;

const rules = timelineRules("exclude");

function postsBy(state: FakeXState, userId: string, exclude: Set<string>): FakeTweet[] {
  const reach = exclude.has("replies") ? userPostsWithoutRepliesReach : userPostsReach;
  return everyPost(state)
    .filter((p) => p.authorId === userId)
    .filter((p) => !(exclude.has("replies") && p.inReplyToId) && !(exclude.has("retweets") && p.retweetedId))
    .slice(0, reach);
}

export function userTweets(state: FakeXState, id: string, url: URL): Answer {
  return answerUserTimeline(state, "GET /2/users/:id/tweets", id, url, rules, (user) => {
    const exclude = readNameList(url, "exclude", ["replies", "retweets"]);
    return exclude instanceof Set ? postsBy(state, user.id, exclude) : exclude;
  });
}
