/** The fake X's public shapes, and the answer every route hands back to the server. */

export type FakeXCredentials = {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
};

export type RateLimit = { limit: number; windowMs: number };

export type FakeTweet = {
  id: string;
  text: string;
  authorId: string;
  inReplyToId: string | null;
  conversationId: string;
  createdAt: Date;
  /** As twitter-text's parseTweet counts it: what X holds to 280. */
  weightedLength: number;
  /** Set by DELETE /2/tweets/:id or `deleteTweet`, as if removed on X: replies to it are refused. */
  deletedAt: Date | null;
};

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
  /** Every Tweet posted, oldest first; emptied in place by `reset`. */
  tweets: FakeTweet[];
  requests: FakeXRequest[];
  /** The next `count` POST /2/tweets fail with `status` (body: X's generic problem, or `body`), or lose their connection. */
  failNext(count: number, status?: number | "network", body?: unknown): void;
  /** Drops the injected failures not yet used: X is back. */
  clearFailures(): void;
  revoke(): void;
  restore(): void;
  forbid(): void;
  allow(): void;
  setRateLimit(rateLimit: RateLimit): void;
  deleteTweet(id: string): void;
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

export type Failure = { status: number | "network"; body?: unknown };
