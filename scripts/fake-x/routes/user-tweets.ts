/** GET /2/users/:id/tweets: an account's own posts, newest first, the newest 3,200 only (800 without replies). */
import { userById } from "../accounts.ts";
import { notFoundUser } from "../errors.ts";
import { readNameList } from "../fields.ts";
import { type ListingRules, listingParams, readListing } from "../listing-params.ts";
import { answerPage } from "../page.ts";
import { everyPost } from "../posts.ts";
import type { FakeXState } from "../state.ts";
import type { Answer, FakeTweet } from "../types.ts";
import { invalidTweetId } from "./tweet-id.ts";

/** X's documents ("Volume limits"): 3,200 posts, or 800 when replies are excluded; asking past them is a 200 without data. */
export const userPostsReach = 3200;
export const userPostsWithoutRepliesReach = 800;

const rules: ListingRules = {
  params: [...listingParams, "pagination_token", "exclude"],
  maxResults: { min: 5, max: 100, fallback: 10 },
  tokenParams: ["pagination_token"],
};

function postsBy(state: FakeXState, userId: string, exclude: Set<string>): FakeTweet[] {
  const reach = exclude.has("replies") ? userPostsWithoutRepliesReach : userPostsReach;
  return everyPost(state)
    .filter((p) => p.authorId === userId)
    .filter((p) => !(exclude.has("replies") && p.inReplyToId) && !(exclude.has("retweets") && p.retweetedId))
    .slice(0, reach);
}

export function userTweets(state: FakeXState, id: string, url: URL): Answer {
  const invalid = invalidTweetId(id);
  if (invalid) return invalid;
  const listing = readListing(url, rules);
  if ("status" in listing) return listing;
  const exclude = readNameList(url, "exclude", ["replies", "retweets"]);
  if (!(exclude instanceof Set)) return exclude;
  if (!userById(state, id)) return { status: 200, body: { errors: [notFoundUser(id)] } };
  return answerPage(state, "GET /2/users/:id/tweets", postsBy(state, id, exclude), listing, {
    endInclusive: true,
    previousTokens: true,
  });
}
