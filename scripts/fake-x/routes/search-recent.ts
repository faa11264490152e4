/** GET /2/tweets/search/recent: posts of the last 7 days that match a query, newest first; never retweets. */
import { parameterError } from "../errors.ts";
import { readNameList } from "../fields.ts";
import { type Listing, type ListingRules, listingParams, minuteStamp, readListing } from "../listing-params.ts";
import { answerPage } from "../page.ts";
import { everyPost } from "../posts.ts";
import { QueryError } from "../query-lex.ts";
import { matchesQuery } from "../query-match.ts";
import { parseQuery } from "../query-parse.ts";
import { type FakeXState, snowflakeAt } from "../state.ts";
import type { Answer, Refusal } from "../types.ts";

const sevenDays = 7 * 24 * 3600_000;
/** Self-serve access; Enterprise gets 4,096 (docs.x.com, "Build a query"). */
export const maxQueryLength = 512;

const rules: ListingRules = {
  params: [...listingParams, "query", "next_token", "pagination_token", "sort_order"],
  maxResults: { min: 10, max: 100, fallback: 10 },
  tokenParams: ["next_token", "pagination_token"],
};

/** The query, or X's 400 when it is missing or longer than the access level allows. */
function readQuery(url: URL): string | Refusal {
  const query = url.searchParams.get("query") ?? "";
  if (query === "") return parameterError("query", query, "The `query` query parameter can not be empty");
  const length = [...query].length;
  if (length <= maxQueryLength) return query;
  // X's wording for an over-long query is not known; the limit is its documented one.
  return parameterError("query", query, `The \`query\` query parameter must be at most ${maxQueryLength} characters`);
}

/** Pairs X's specification allows one of at most (the words are the specification's). */
function exclusivePairs(url: URL): Refusal | null {
  for (const [a, b] of [
    ["start_time", "since_id"],
    ["end_time", "until_id"],
    ["pagination_token", "next_token"],
  ]) {
    if (url.searchParams.has(a) && url.searchParams.has(b)) {
      return parameterError(b, url.searchParams.get(b)!, `At most one of \`${a}\`, \`${b}\` may be provided.`);
    }
  }
  return null;
}

/** Recent search's own bounds: nothing older than 7 days, nothing newer than 10 seconds ago. */
function recentBounds(url: URL, listing: Listing, now: Date): Refusal | null {
  const oldest = new Date(now.getTime() - sevenDays);
  for (const name of ["start_time", "end_time"] as const) {
    const time = name === "start_time" ? listing.startTime : listing.endTime;
    if (!time) continue;
    const given = minuteStamp(time);
    if (time.getTime() > now.getTime() - 10_000) {
      const message = `Invalid '${name}':'${given}'. '${name}' must be a minimum of 10 seconds prior to the request time.`;
      return parameterError(name, url.searchParams.get(name)!, message);
    }
    if (time < oldest) {
      const message = `Invalid '${name}':'${given}'. '${name}' must be on or after ${minuteStamp(oldest)}`;
      return parameterError(name, url.searchParams.get(name)!, message);
    }
  }
  const floor = snowflakeAt(oldest);
  if (listing.sinceId !== undefined && listing.sinceId < floor) {
    const message = `'since_id' must be a tweet id created after ${minuteStamp(oldest)}. Please use a 'since_id' that is larger than ${floor}`;
    return parameterError("since_id", url.searchParams.get("since_id")!, message);
  }
  return null;
}

export function searchRecent(state: FakeXState, url: URL): Answer {
  const query = readQuery(url);
  if (typeof query !== "string") return query;
  const listing = readListing(url, rules);
  if ("status" in listing) return listing;
  const sortOrder = readNameList(url, "sort_order", ["recency", "relevancy"]);
  if (!(sortOrder instanceof Set)) return sortOrder;
  const now = state.clock();
  const refusal = exclusivePairs(url) ?? recentBounds(url, listing, now);
  if (refusal) return refusal;
  let tree: ReturnType<typeof parseQuery>;
  try {
    tree = parseQuery(query);
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    return parameterError("query", query, `There were errors processing your request: ${e.message}`);
  }
  const since = now.getTime() - sevenDays;
  // Since May 2026 retweets are left out of search results (X's changelog); relevancy is answered by recency.
  const candidates = everyPost(state).filter(
    (p) => !p.retweetedId && p.createdAt.getTime() >= since && matchesQuery(state, p, tree),
  );
  return answerPage(state, "GET /2/tweets/search/recent", candidates, listing, {
    endInclusive: false,
    previousTokens: false,
  });
}
