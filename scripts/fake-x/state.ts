/** Everything the fake remembers between requests, in one object the routes share. */
import { defaultRateLimit, fakeXCredentials } from "./defaults.ts";
import type {
  Failure,
  FakeTweet,
  FakeXCredentials,
  FakeXOptions,
  FakeXRequest,
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
  /** What `reset` goes back to. */
  initialRateLimit: RateLimit;
  /** POST /2/tweets' limit, the only one tests may change. */
  postLimit: RateLimit;
  tweets: FakeTweet[];
  requests: FakeXRequest[];
  failures: Failure[];
  /** Route ("POST /2/tweets") → its live window. */
  windows: Map<string, Window>;
  /** nonce → real time (ms) after which its timestamp is stale anyway and it can be forgotten. */
  nonces: Map<string, number>;
  revoked: boolean;
  forbidden: boolean;
  lastId: bigint;
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
    postLimit: { ...initialRateLimit },
    tweets: [],
    requests: [],
    failures: [],
    windows: new Map(),
    nonces: new Map(),
    revoked: false,
    forbidden: false,
    lastId: 0n,
  };
}

/** A snowflake-shaped id from the (injected) time, always above the last one handed out. */
export function nextId(state: FakeXState, now: Date): string {
  const stamp = BigInt(Math.max(0, now.getTime())) - twitterEpoch;
  let id = ((stamp > 0n ? stamp : 0n) << 22n) | (1n << 12n);
  if (id <= state.lastId) id = state.lastId + 1n;
  state.lastId = id;
  return id.toString();
}

/** Forgets Tweets, requests, failures and windows, and lifts revocation, forbiddance and a changed limit. */
export function resetState(state: FakeXState): void {
  // In place, so that references taken earlier still see the live arrays.
  state.tweets.length = 0;
  state.requests.length = 0;
  state.failures.length = 0;
  state.windows.clear();
  state.revoked = false;
  state.forbidden = false;
  state.postLimit = { ...state.initialRateLimit };
}
