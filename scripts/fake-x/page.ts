/**
 * One page of a post listing, cut and written as X writes it: newest first,
 * `data` only when there are posts, `meta` always, the tokens only when there
 * is somewhere to go. twitter-api-v2's paginators read exactly these keys.
 */
import type { Listing } from "./listing-params.ts";
import { encodePageToken } from "./page-token.ts";
import { includesFor, postJson } from "./render.ts";
import type { FakeXState } from "./state.ts";
import type { Answer, FakeTweet, FakeXRoute } from "./types.ts";
import { countUsage } from "./usage.ts";

export type PageOptions = {
  /** Whether end_time includes its own second (the timelines) or stops before it (search). */
  endInclusive: boolean;
  /** Timelines hand out previous_token; search does not. */
  previousTokens: boolean;
};

/** Times count in whole seconds, as X's documents say of start_time and end_time. */
const second = (time: Date) => Math.floor(time.getTime() / 1000);

/** The posts within since_id, until_id, start_time and end_time. */
function withinBounds(posts: FakeTweet[], listing: Listing, options: PageOptions): FakeTweet[] {
  const { sinceId, untilId, startTime, endTime } = listing;
  return posts.filter((p) => {
    const id = BigInt(p.id);
    if (sinceId !== undefined && id <= sinceId) return false;
    if (untilId !== undefined && id >= untilId) return false;
    if (startTime && second(p.createdAt) < second(startTime)) return false;
    if (endTime && (options.endInclusive ? second(p.createdAt) > second(endTime) : p.createdAt >= endTime)) {
      return false;
    }
    return true;
  });
}

/** The page the token points at: older than a next token's boundary, or the newest run just above a previous one's. */
function cut(posts: FakeTweet[], listing: Listing): FakeTweet[] {
  const { token, maxResults } = listing;
  if (!token) return posts.slice(0, maxResults);
  if (token.direction === "next") return posts.filter((p) => BigInt(p.id) < token.boundary).slice(0, maxResults);
  const newer = posts.filter((p) => BigInt(p.id) > token.boundary);
  return newer.slice(Math.max(0, newer.length - maxResults));
}

/**
 * Answers one page of `candidates` (newest first, already limited to what X
 * lets the route reach) and counts its posts in the route's usage.
 *
 * @example
 * return answerPage(state, "GET /2/users/:id/mentions", mentionsOf(state, id), listing, { endInclusive: true, previousTokens: true });
 */
export function answerPage(
  state: FakeXState,
  route: FakeXRoute,
  candidates: FakeTweet[],
  listing: Listing,
  options: PageOptions,
): Answer {
  const matching = withinBounds(candidates, listing, options);
  const page = cut(matching, listing);
  countUsage(state, route, page.length);
  const meta: Record<string, unknown> = { result_count: page.length };
  if (page.length > 0) {
    const newest = BigInt(page[0].id);
    const oldest = BigInt(page.at(-1)!.id);
    meta.newest_id = page[0].id;
    meta.oldest_id = page.at(-1)!.id;
    if (matching.some((p) => BigInt(p.id) < oldest)) {
      meta.next_token = encodePageToken({ direction: "next", boundary: oldest });
    }
    if (options.previousTokens && matching.some((p) => BigInt(p.id) > newest)) {
      meta.previous_token = encodePageToken({ direction: "previous", boundary: newest });
    }
  }
  if (page.length === 0) return { status: 200, body: { meta } };
  const includes = includesFor(state, page, listing.shape);
  const data = page.map((p) => postJson(state, p, listing.shape.tweetFields));
  return { status: 200, body: { data, ...(includes && { includes }), meta } };
}
