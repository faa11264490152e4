/**
 * The query parameters the post listings share (mentions, a user's posts,
 * recent search), read and refused as X refuses them: one 400 with X's
 * invalid-request problem naming the first parameter at fault.
 */
import { parameterError } from "./errors.ts";
import { readShape, type Shape } from "./fields.ts";
import { decodePageToken, type PageToken } from "./page-token.ts";
import type { Refusal } from "./types.ts";

export type ListingRules = {
  /** Every query parameter the route takes; X refuses any other. */
  params: string[];
  maxResults: { min: number; max: number; fallback: number };
  /** The parameters that carry a page token (search takes next_token or pagination_token). */
  tokenParams: string[];
};

export type Listing = {
  maxResults: number;
  sinceId?: bigint;
  untilId?: bigint;
  startTime?: Date;
  endTime?: Date;
  token?: PageToken;
  shape: Shape;
};

/** The parameters every listing takes besides its own. */
export const listingParams = [
  "max_results",
  "since_id",
  "until_id",
  "start_time",
  "end_time",
  "expansions",
  "tweet.fields",
  "post.fields",
  "user.fields",
  "media.fields",
  "place.fields",
  "poll.fields",
];

/** X's earliest date for start_time and end_time on the timelines. */
const earliest = new Date("2010-11-06T00:00:00Z");
const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i;

/** A time as X writes it in its messages: to the minute, e.g. 2026-11-23T12:00Z. */
export function minuteStamp(time: Date): string {
  return `${time.toISOString().slice(0, 16)}Z`;
}

function readId(url: URL, name: string): bigint | undefined | Refusal {
  const value = url.searchParams.get(name);
  if (value === null) return undefined;
  if (/^[0-9]{1,19}$/.test(value)) return BigInt(value);
  return parameterError(name, value, `The \`${name}\` query parameter value [${value}] does not match ^[0-9]{1,19}$`);
}

function readTime(url: URL, name: string): Date | undefined | Refusal {
  const value = url.searchParams.get(name);
  if (value === null) return undefined;
  const time = new Date(value);
  if (!rfc3339.test(value) || Number.isNaN(time.getTime())) {
    // X's words for a malformed date are not known; the shape is X's.
    return parameterError(name, value, `The \`${name}\` query parameter value [${value}] is not a valid RFC3339 date`);
  }
  if (time < earliest) {
    return parameterError(name, value, `Invalid '${name}':'${value}'. '${name}' must be on or after 2010-11-06T00:00Z`);
  }
  return time;
}

function readMaxResults(url: URL, rules: ListingRules): number | Refusal {
  const value = url.searchParams.get("max_results");
  const { min, max, fallback } = rules.maxResults;
  if (value === null) return fallback;
  const n = Number(value);
  if (/^\d+$/.test(value) && n >= min && n <= max) return n;
  return parameterError(
    "max_results",
    value,
    `The \`max_results\` query parameter value [${value}] is not between ${min} and ${max}`,
  );
}

function readToken(url: URL, rules: ListingRules): PageToken | undefined | Refusal {
  const name = rules.tokenParams.find((p) => url.searchParams.has(p));
  if (name === undefined) return undefined;
  const value = url.searchParams.get(name)!;
  return (
    decodePageToken(value) ??
    parameterError(name, value, `The \`${name}\` query parameter value [${value}] is not valid`)
  );
}

const refused = (v: unknown): v is Refusal => typeof v === "object" && v !== null && "status" in v;

/**
 * The listing's parameters, or X's 400 for the first one at fault: an
 * unknown parameter, max_results out of range, an id that is not one, a time
 * that is not RFC 3339 or before 2010-11-06, a token the fake never gave, a
 * start not before the end or a since_id not below the until_id.
 *
 * @example
 * const listing = readListing(url, { params: [...listingParams, "pagination_token"], maxResults: { min: 5, max: 100, fallback: 10 }, tokenParams: ["pagination_token"] });
 */
export function readListing(url: URL, rules: ListingRules): Listing | Refusal {
  for (const [name, value] of url.searchParams) {
    if (!rules.params.includes(name)) {
      return parameterError(name, value, `The query parameter [${name}] is not one of [${rules.params}]`);
    }
  }
  const maxResults = readMaxResults(url, rules);
  const sinceId = readId(url, "since_id");
  const untilId = readId(url, "until_id");
  const startTime = readTime(url, "start_time");
  const endTime = readTime(url, "end_time");
  const token = readToken(url, rules);
  const shape = readShape(url);
  for (const read of [maxResults, sinceId, untilId, startTime, endTime, token, shape]) if (refused(read)) return read;
  const listing = { maxResults, sinceId, untilId, startTime, endTime, token, shape } as Listing;
  if (listing.startTime && listing.endTime && listing.startTime >= listing.endTime) {
    const end = url.searchParams.get("end_time")!;
    return parameterError("end_time", end, `Invalid 'end_time':'${end}'. 'end_time' must be after 'start_time'`);
  }
  if (listing.sinceId !== undefined && listing.untilId !== undefined && listing.sinceId >= listing.untilId) {
    const until = url.searchParams.get("until_id")!;
    return parameterError("until_id", until, `'until_id' must be greater than 'since_id'`);
  }
  return listing;
}
