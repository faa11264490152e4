/** What the two user timelines (mentions, an account's posts) share: the account's id, the parameters, one page. */
import { userById } from "../accounts.ts";
import { notFoundUser } from "../errors.ts";
import { type ListingRules, listingParams, readListing } from "../listing-params.ts";
import { answerPage } from "../page.ts";
import type { FakeXState } from "../state.ts";
import type { Answer, FakeTweet, FakeXRoute, FakeXUser, Refusal } from "../types.ts";
import { invalidTweetId } from "./tweet-id.ts";

/** The timelines' parameters: 5 to 100 posts a page, 10 by default, pages by pagination_token. */
export function timelineRules(...extraParams: string[]): ListingRules {
  return {
    params: [...listingParams, "pagination_token", ...extraParams],
    maxResults: { min: 5, max: 100, fallback: 10 },
    tokenParams: ["pagination_token"],
  };
}

/**
 * Answers a user timeline in X's order of checks: an id that is not one
 * (400), bad parameters (400), an unknown account (200 with X's not-found
 * error), then one page of the posts `select` picks for the account, newest
 * first and already cut to X's reach. Timelines include end_time's own second
 * and hand out previous_token.
 *
 * @example
 * return answerUserTimeline(state, "GET /2/users/:id/mentions", id, url, timelineRules(), (user) => mentionsOf(state, user.id));
 */
export function answerUserTimeline(
  state: FakeXState,
  route: FakeXRoute,
  id: string,
  url: URL,
  rules: ListingRules,
  select: (user: FakeXUser) => FakeTweet[] | Refusal,
): Answer {
  const invalid = invalidTweetId(id);
  if (invalid) return invalid;
  const listing = readListing(url, rules);
  if ("status" in listing) return listing;
  const user = userById(state, id);
  if (!user) return { status: 200, body: { errors: [notFoundUser(id)] } };
  const posts = select(user);
  if ("status" in posts) return posts;
  return answerPage(state, route, posts, listing, { endInclusive: true, previousTokens: true });
}
