/** The fake X's public shapes, and the answer every route hands back to the server. */

export type FakeXCredentials = {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
};

export type RateLimit = { limit: number; windowMs: number };

/** An @handle in a post that names a known account, as X's entities.mentions (indices in code points). */
export type FakeMention = { start: number; end: number; username: string; id: string };

/** A post, ours (`tweets`) or another account's (`posts`). */
export type FakeTweet = {
  id: string;
  text: string;
  authorId: string;
  inReplyToId: string | null;
  /** The post this one quotes, or null. */
  quotedId: string | null;
  /** The post this one reposts (a retweet), or null. */
  retweetedId: string | null;
  conversationId: string;
  createdAt: Date;
  /** BCP 47, as X's lang field; "en" unless said otherwise. */
  lang: string;
  /** The @handles in the text that name known accounts. */
  mentions: FakeMention[];
  /** As twitter-text's parseTweet counts it: what X holds to 280. */
  weightedLength: number;
  /** Set by DELETE /2/tweets/:id or `deleteTweet`, as if removed on X: replies to it are refused. */
  deletedAt: Date | null;
};

/** What `postAs` and POST /__fake/posts take besides the author and the text. */
export type PostAsOptions = {
  /** Makes the post a reply; X's clients put the parent author's @handle first, and so does the fake. */
  inReplyToTweetId?: string;
  quoteTweetId?: string;
  /** Makes the post a retweet of this one: the text is X's "RT @author: ..." and `text` is ignored. */
  retweetOf?: string;
  /** Backdates the post (its id follows the date, as a snowflake does); the injected clock's now by default. */
  createdAt?: Date;
  lang?: string;
  /** The account's display name when it is new; the username by default. */
  name?: string;
};

/** The /2/ routes, as rate-limit buckets and usage keys name them. */
export type FakeXRoute =
  | "POST /2/tweets"
  | "GET /2/tweets/:id"
  | "DELETE /2/tweets/:id"
  | "GET /2/users/me"
  | "GET /2/users/:id/mentions"
  | "GET /2/users/:id/tweets"
  | "GET /2/tweets/search/recent";

export type FakeXRequest = {
  at: Date;
  method: string;
  /** Path and query as received. */
  path: string;
  /** "network" when the socket was destroyed without an answer. */
  status: number | "network";
  /** Why the request was refused (for 401s, which check failed), or null. */
  error: string | null;
};

export type FakeXOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  credentials?: Partial<FakeXCredentials>;
  /** Drives Tweet timestamps, ids and rate-limit windows. OAuth timestamps are checked against real time. */
  clock?: () => Date;
  /** POST /2/tweets' window; the read routes start at X's documented limits (see rate-limit.ts). */
  rateLimit?: RateLimit;
  username?: string;
  /** Called for each Tweet stored. */
  onTweet?: (tweet: FakeTweet) => void;
  /** Called once each request has been answered (or dropped). */
  onRequest?: (request: FakeXRequest) => void;
};

export type FakeXUser = { id: string; name: string; username: string };

export type FakeX = {
  /** e.g. http://127.0.0.1:4080, without a trailing slash. */
  url: string;
  user: FakeXUser;
  credentials: Readonly<FakeXCredentials>;
  /** Every Tweet our account posted through the API, oldest first; emptied in place by `reset`. */
  tweets: FakeTweet[];
  /** Every post by other accounts (`postAs`), in the order made; emptied in place by `reset`. */
  posts: FakeTweet[];
  /** The other accounts, made by their first `postAs`; emptied in place by `reset`. */
  users: FakeXUser[];
  requests: FakeXRequest[];
  /** The next `count` POST /2/tweets fail with `status` (body: X's generic problem, or `body`), or lose their connection. */
  failNext(count: number, status?: number | "network", body?: unknown, route?: FakeXRoute): void;
  /** Drops the injected failures not yet used: X is back. */
  clearFailures(): void;
  revoke(): void;
  restore(): void;
  forbid(): void;
  allow(): void;
  /** One route's window (POST /2/tweets by default), until `reset`. */
  setRateLimit(rateLimit: RateLimit, route?: FakeXRoute): void;
  /** Removes a post, ours or another account's, as if deleted on X. */
  deleteTweet(id: string): void;
  /** Another account (made on first use) posts `text`; throws on what the fake cannot store (see POST /__fake/posts). */
  postAs(username: string, text: string, options?: PostAsOptions): FakeTweet;
  /**
   * Holds back the answer to the next POST /2/tweets after the post is
   * stored: `reached` resolves then, and the answer goes out on `release()`.
   * For tests that kill the caller between X's accepting a post and its
   * hearing so (the post is out; the caller cannot know).
   */
  holdNextPost(): { reached: Promise<void>; release(): void };
  /** Posts returned per read route (the `data` items, as X bills reads) since the start or `reset`. */
  usage(): Partial<Record<FakeXRoute, number>>;
  /** Forgets posts, users, requests, failures, windows, limits and usage, and lifts revocation and forbiddance. */
  reset(): void;
  close(): Promise<void>;
};

/** The control methods of `FakeX`: everything but the address and the socket. */
export type FakeXControls = Omit<FakeX, "url" | "close">;

export type Problem = Record<string, unknown>;

/** What a route decides: a response to write, or a connection to drop. */
export type Answer =
  | { status: number; body?: unknown; headers?: Record<string, string>; error?: string | null }
  | { network: true; error: string };

/** An answer with a status: what a check hands back when it refuses a request. */
export type Refusal = Extract<Answer, { status: number }>;

/** An injected failure, answered to the next request on its route (POST /2/tweets unless told). */
export type Failure = { status: number | "network"; body?: unknown; route: FakeXRoute };
