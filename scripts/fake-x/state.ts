/** Everything the fake remembers between requests, in one object the routes share. */
import { defaultRateLimit, fakeXCredentials } from "./defaults.ts";
import type {
  Failure,
  FakeTweet,
  FakeXCredentials,
  FakeXOptions,
  FakeXRequest,
  FakeXRoute,
  FakeXUser,
  RateLimit,
} from "./types.ts";

/** One rate-limit bucket: when its window opened and how many requests it has counted. */
export type Window = { start: number; used: number };

export type FakeXState = {
  options: FakeXOptions;
  credentials: Readonly<FakeXCredentials>;
  clock: () => Date;
  user: FakeXUser;
  /** POST /2/tweets' window as started, what `reset` goes back to. */
  initialRateLimit: RateLimit;
  /** Windows changed by `setRateLimit`; the others are X's (rate-limit.ts). */
  limits: Map<FakeXRoute, RateLimit>;
  /** Ours, posted through the API. */
  tweets: FakeTweet[];
  /** Other accounts', made by `postAs`. */
  posts: FakeTweet[];
  /** Other accounts. */
  users: FakeXUser[];
  requests: FakeXRequest[];
  failures: Failure[];
  /** Route ("POST /2/tweets") → its live window. */
  windows: Map<string, Window>;
  /** Route → posts its answers carried. */
  usage: Map<FakeXRoute, number>;
  /** nonce → real time (ms) after which its timestamp is stale anyway and it can be forgotten. */
  nonces: Map<string, number>;
  revoked: boolean;
  forbidden: boolean;
  lastId: bigint;
  /** Answers to the next POST /2/tweets held back after the post is stored (holdNextPost), oldest first. */
  holds: { reached: () => void; released: Promise<void> }[];
  /** Every id handed out, so that a backdated post never takes one already used. */
  ids: Set<string>;
};

const twitterEpoch = 1288834974657n;

export function createState(options: FakeXOptions): FakeXState {
  const initialRateLimit = { ...(options.rateLimit ?? defaultRateLimit) };
  return {
    options,
    credentials: Object.freeze({ ...fakeXCredentials, ...options.credentials }),
    clock: options.clock ?? (() => new Date()),
    user: { id: "1790000000000000001", name: "Candor", username: options.username ?? "candorstatus" },
    initialRateLimit,
    limits: new Map([["POST /2/tweets", { ...initialRateLimit }]]),
    tweets: [],
    posts: [],
    users: [],
    requests: [],
    failures: [],
    windows: new Map(),
    usage: new Map(),
    nonces: new Map(),
    revoked: false,
    forbidden: false,
    lastId: 0n,
    holds: [],
    ids: new Set(),
  };
}

/** The snowflake of the first id X could hand out at `time` (what twitter-api-v2 also computes from a date). */
export function snowflakeAt(time: Date): bigint {
  const stamp = BigInt(Math.max(0, time.getTime())) - twitterEpoch;
  return (stamp > 0n ? stamp : 0n) << 22n;
}

/** A snowflake-shaped id from the (injected) time, always above the last one handed out. */
export function nextId(state: FakeXState, now: Date): string {
  let id = snowflakeAt(now) | (1n << 12n);
  if (id <= state.lastId) id = state.lastId + 1n;
  state.lastId = id;
  state.ids.add(id.toString());
  return id.toString();
}

/**
 * A snowflake for a backdated post: from its own time, so that since_id,
 * until_id and the time windows treat it as X would, and unused.
 */
export function idAt(state: FakeXState, time: Date): string {
  let id = snowflakeAt(time) | (1n << 12n);
  while (state.ids.has(id.toString())) id += 1n;
  state.ids.add(id.toString());
  return id.toString();
}

/** Forgets posts, users, requests, failures, windows and usage, and lifts revocation, forbiddance and changed limits. */
export function resetState(state: FakeXState): void {
  // In place, so that references taken earlier still see the live arrays.
  state.tweets.length = 0;
  state.posts.length = 0;
  state.users.length = 0;
  state.requests.length = 0;
  state.failures.length = 0;
  state.holds.length = 0;
  state.windows.clear();
  state.usage.clear();
  state.ids.clear();
  // Ids follow time, as X's do: a test that starts its clock again starts its ids there too.
  state.lastId = 0n;
  state.revoked = false;
  state.forbidden = false;
  state.limits = new Map([["POST /2/tweets", { ...state.initialRateLimit }]]);
}
