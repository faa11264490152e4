/**
 * A fake X (Twitter) API v2, close enough to the real one that Candor's X
 * channel can be developed and tested against it through twitter-api-v2 over
 * real HTTP: OAuth 1.0a signatures are verified, rate limits counted, and the
 * refusals answered with the statuses and bodies X sends. Only what Candor
 * uses is modelled: posting, replying, deleting and reading Tweets, and the
 * authenticated user.
 *
 * Bodies follow what X was seen to send; where X's wording could not be
 * confirmed (empty or malformed text), the shape is X's and the words ours.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { AddressInfo } from "node:net";
import twitterText from "twitter-text";

export type FakeXCredentials = {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
};

/** What the fake accepts unless told otherwise; `npm run fake-x` prints them too. */
export const fakeXCredentials: Readonly<FakeXCredentials> = Object.freeze({
  appKey: "fake-app-key",
  appSecret: "fake-app-secret",
  accessToken: "fake-access-token",
  accessSecret: "fake-access-secret",
});

export type RateLimit = { limit: number; windowMs: number };

/**
 * POST /2/tweets: 300 per 15 minutes. X's paid tiers allow less per user
 * (100 per 15 minutes, plus caps per 24 hours), but a default that a busy
 * local session never reaches is worth more than realism here: tests that
 * exercise 429 set their own limit.
 */
export const defaultRateLimit: Readonly<RateLimit> = Object.freeze({ limit: 300, windowMs: 15 * 60_000 });

/** The read and delete endpoints' windows, per user, as X documents them; not configurable. */
const fixedLimits: Record<string, RateLimit> = {
  "GET /2/tweets/:id": { limit: 900, windowMs: 15 * 60_000 },
  "DELETE /2/tweets/:id": { limit: 50, windowMs: 15 * 60_000 },
  "GET /2/users/me": { limit: 75, windowMs: 15 * 60_000 },
};

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

export type FakeX = {
  /** e.g. http://127.0.0.1:4080, without a trailing slash. */
  url: string;
  user: { id: string; name: string; username: string };
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

type Problem = Record<string, unknown>;

export const problems = {
  unauthorized: { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" },
  oauth1Permissions: {
    title: "Forbidden",
    detail: "Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.",
    type: "https://api.twitter.com/2/problems/oauth1-permissions",
    status: 403,
  },
  tooManyRequests: { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
  duplicate: {
    detail: "You are not allowed to create a Tweet with duplicate content.",
    type: "about:blank",
    title: "Forbidden",
    status: 403,
  },
  replyNotVisible: {
    detail: "You attempted to reply to a Tweet that is deleted or not visible to you.",
    type: "about:blank",
    title: "Forbidden",
    status: 403,
  },
} as const;

/**
 * X refuses over-long text with 400 and this message inside an
 * invalid-request problem (not v1.1's 403 "Tweet needs to be a bit shorter").
 */
export const tooLongMessage =
  "Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.";

function invalidRequest(errors: { parameters: Record<string, unknown[]>; message: string }[]): Problem {
  return {
    errors,
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: "https://api.twitter.com/2/problems/invalid-request",
  };
}

function genericProblem(status: number): Problem {
  const title = STATUS_CODES[status] ?? "Error";
  return { title, detail: title, type: "about:blank", status };
}

function notFoundTweet(id: string): Problem {
  return {
    value: id,
    detail: `Could not find tweet with id: [${id}].`,
    title: "Not Found Error",
    resource_type: "tweet",
    parameter: "id",
    resource_id: id,
    type: "https://api.twitter.com/2/problems/resource-not-found",
  };
}

/** RFC 3986 percent-encoding, as RFC 5849 §3.6 requires (encodeURIComponent leaves !'()* alone). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The RFC 5849 HMAC-SHA1 signature. Exported so tests can forge requests the
 * library would never send (a stale timestamp) and still sign them correctly.
 */
export function oauth1Signature(input: {
  method: string;
  baseUrl: string;
  params: [string, string][];
  consumerSecret: string;
  tokenSecret: string;
}): { signature: string; baseString: string } {
  const normalized = input.params
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const baseString = [input.method.toUpperCase(), percentEncode(input.baseUrl), percentEncode(normalized)].join("&");
  const key = `${percentEncode(input.consumerSecret)}&${percentEncode(input.tokenSecret)}`;
  return { signature: createHmac("sha1", key).update(baseString).digest("base64"), baseString };
}

/** Within this many seconds of real time, as X allows (it answers 401 beyond). */
const timestampSkewSeconds = 300;
const maxBodyBytes = 1 << 20;
const twitterEpoch = 1288834974657n;
const jsonType = "application/json; charset=utf-8";

/** Fields X accepts in POST /2/tweets; others are schema errors. Only text and reply are acted on. */
const tweetFields = new Set([
  "text",
  "reply",
  "quote_tweet_id",
  "media",
  "poll",
  "reply_settings",
  "for_super_followers_only",
  "direct_message_deep_link",
  "geo",
  "nullcast",
  "card_uri",
  "community_id",
  "share_with_followers",
  "made_with_ai",
  "paid_partnership",
  "edit_options",
]);
const replyFields = new Set(["in_reply_to_tweet_id", "exclude_reply_user_ids", "auto_populate_reply_metadata"]);

type Answer =
  | { status: number; body?: unknown; headers?: Record<string, string>; error?: string | null }
  | { network: true; error: string };

type Failure = { status: number | "network"; body?: unknown };

type Window = { start: number; used: number };

export async function startFakeX(options: FakeXOptions = {}): Promise<FakeX> {
  const credentials: Readonly<FakeXCredentials> = Object.freeze({ ...fakeXCredentials, ...options.credentials });
  const clock = options.clock ?? (() => new Date());
  const user = { id: "1790000000000000001", name: "Candor", username: options.username ?? "candorstatus" };
  const initialRateLimit = { ...(options.rateLimit ?? defaultRateLimit) };
  let postLimit = { ...initialRateLimit };
  const tweets: FakeTweet[] = [];
  const requests: FakeXRequest[] = [];
  const failures: Failure[] = [];
  const windows = new Map<string, Window>();
  /** nonce → real time (ms) after which its timestamp is stale anyway and it can be forgotten. */
  const nonces = new Map<string, number>();
  let revoked = false;
  let forbidden = false;
  let lastId = 0n;

  function limitFor(route: string): RateLimit {
    return route === "POST /2/tweets" ? postLimit : fixedLimits[route];
  }

  /** Windows end on a whole second so that x-rate-limit-reset (seconds) is exact. */
  function windowEnd(start: number, windowMs: number): number {
    return Math.ceil((start + windowMs) / 1000) * 1000;
  }

  /** The live window, or the one a request now would open (not stored: only counted requests open one). */
  function currentWindow(route: string, now: number): Window {
    const w = windows.get(route);
    if (w && now < windowEnd(w.start, limitFor(route).windowMs)) return w;
    return { start: now, used: 0 };
  }

  function rateHeaders(route: string): Record<string, string> {
    const { limit, windowMs } = limitFor(route);
    const w = currentWindow(route, clock().getTime());
    return {
      "x-rate-limit-limit": String(limit),
      "x-rate-limit-remaining": String(Math.max(0, limit - w.used)),
      "x-rate-limit-reset": String(windowEnd(w.start, windowMs) / 1000),
    };
  }

  /** Counts the request; false when the window is used up. */
  function consume(route: string): boolean {
    const w = currentWindow(route, clock().getTime());
    windows.set(route, w);
    if (w.used >= limitFor(route).limit) return false;
    w.used += 1;
    return true;
  }

  function nextId(now: Date): string {
    const stamp = BigInt(Math.max(0, now.getTime())) - twitterEpoch;
    let id = ((stamp > 0n ? stamp : 0n) << 22n) | (1n << 12n);
    if (id <= lastId) id = lastId + 1n;
    lastId = id;
    return id.toString();
  }

  /** Why the OAuth 1.0a header does not authenticate this request, or null when it does. */
  function verifyOAuth(req: IncomingMessage, rawPath: string, body: Buffer): string | null {
    const header = req.headers.authorization;
    if (!header) return "no Authorization header";
    const match = /^OAuth\s+(.*)$/is.exec(header);
    if (!match) return `Authorization is not OAuth 1.0a: ${header.split(" ")[0]}`;
    const oauth = new Map<string, string>();
    // Values are percent-encoded, so a comma can only separate parameters.
    for (const part of match[1].split(",")) {
      const item = part.trim();
      if (!item) continue;
      const pair = /^([^=\s]+)\s*=\s*"([^"]*)"$/.exec(item);
      if (!pair) return `malformed Authorization parameter: ${item}`;
      let name: string;
      let value: string;
      try {
        name = decodeURIComponent(pair[1]);
        value = decodeURIComponent(pair[2]);
      } catch {
        return `malformed percent-encoding in Authorization parameter: ${item}`;
      }
      if (oauth.has(name)) return `Authorization repeats ${name}`;
      oauth.set(name, value);
    }
    for (const required of ["oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp"]) {
      if (!oauth.get(required)) return `missing ${required}`;
    }
    if (!oauth.get("oauth_nonce")) return "missing oauth_nonce";
    if (!oauth.get("oauth_signature")) return "missing oauth_signature";
    if (oauth.get("oauth_consumer_key") !== credentials.appKey) return "unknown oauth_consumer_key";
    if (oauth.get("oauth_token") !== credentials.accessToken) return "unknown oauth_token";
    if (oauth.get("oauth_signature_method") !== "HMAC-SHA1") {
      return `unsupported oauth_signature_method ${oauth.get("oauth_signature_method")}`;
    }
    if (oauth.has("oauth_version") && oauth.get("oauth_version") !== "1.0") {
      return `unsupported oauth_version ${oauth.get("oauth_version")}`;
    }
    const timestamp = oauth.get("oauth_timestamp")!;
    if (!/^\d+$/.test(timestamp)) return `malformed oauth_timestamp ${timestamp}`;
    // Real time, not the injected clock: the client signs with the real one.
    const skew = Number(timestamp) - Date.now() / 1000;
    if (Math.abs(skew) > timestampSkewSeconds) {
      return `oauth_timestamp ${timestamp} is ${Math.round(skew)}s from the server's time (allowed ±${timestampSkewSeconds}s)`;
    }

    const params: [string, string][] = [];
    for (const [k, v] of oauth) {
      if (k !== "oauth_signature" && k !== "realm") params.push([k, v]);
    }
    const query = rawPath.includes("?") ? rawPath.slice(rawPath.indexOf("?") + 1) : "";
    for (const [k, v] of new URLSearchParams(query)) params.push([k, v]);
    // A form-encoded body is signed (RFC 5849 §3.4.1.3.1); X v2's JSON bodies are not.
    if (mediaType(req) === "application/x-www-form-urlencoded") {
      for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params.push([k, v]);
    }
    // The base URL as it reached us: the host the client connected to, default port dropped.
    const host = (req.headers.host ?? "").toLowerCase().replace(/:80$/, "");
    const baseUrl = `http://${host}${rawPath.split("?")[0]}`;
    const { signature, baseString } = oauth1Signature({
      method: req.method ?? "GET",
      baseUrl,
      params,
      consumerSecret: credentials.appSecret,
      tokenSecret: credentials.accessSecret,
    });
    const given = Buffer.from(oauth.get("oauth_signature")!, "utf8");
    const expected = Buffer.from(signature, "utf8");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return `signature mismatch (signature base string: ${baseString})`;
    }

    const nonce = oauth.get("oauth_nonce")!;
    const now = Date.now();
    if ((nonces.get(nonce) ?? 0) > now) return `oauth_nonce ${nonce} already used`;
    for (const [n, forgetAt] of nonces) if (forgetAt <= now) nonces.delete(n);
    nonces.set(nonce, (Number(timestamp) + timestampSkewSeconds) * 1000 + 1000);
    return null;
  }

  function tweetJson(tweet: FakeTweet, fields: Set<string>): Record<string, unknown> {
    const data: Record<string, unknown> = { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] };
    if (fields.has("author_id")) data.author_id = tweet.authorId;
    if (fields.has("conversation_id")) data.conversation_id = tweet.conversationId;
    if (fields.has("created_at")) data.created_at = tweet.createdAt.toISOString();
    if (tweet.inReplyToId) {
      const parent = tweets.find((t) => t.id === tweet.inReplyToId);
      if (fields.has("in_reply_to_user_id") && parent) data.in_reply_to_user_id = parent.authorId;
      if (fields.has("referenced_tweets")) data.referenced_tweets = [{ type: "replied_to", id: tweet.inReplyToId }];
    }
    return data;
  }

  function postTweet(req: IncomingMessage, body: Buffer): Answer {
    if (mediaType(req) !== "application/json") {
      return {
        status: 400,
        body: invalidRequest([
          { parameters: {}, message: "Requests with bodies must have content-type of application/json." },
        ]),
        error: `content-type ${req.headers["content-type"] ?? "(none)"}`,
      };
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString("utf8"));
    } catch {
      return { status: 400, body: invalidRequest([{ parameters: {}, message: "Request body is not valid JSON." }]) };
    }
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
      return { status: 400, body: invalidRequest([{ parameters: {}, message: "$: object expected" }]) };
    }
    const input = payload as Record<string, unknown>;
    for (const field of Object.keys(input)) {
      if (!tweetFields.has(field)) {
        return schemaError(
          `$.${field}: is not defined in the schema and the schema does not allow additional properties`,
        );
      }
    }
    if (input.text !== undefined && typeof input.text !== "string") {
      return schemaError(`$.text: ${typeof input.text} found, string expected`);
    }
    let inReplyToId: string | null = null;
    if (input.reply !== undefined) {
      if (typeof input.reply !== "object" || input.reply === null) return schemaError("$.reply: object expected");
      const reply = input.reply as Record<string, unknown>;
      for (const field of Object.keys(reply)) {
        if (!replyFields.has(field)) {
          return schemaError(
            `$.reply.${field}: is not defined in the schema and the schema does not allow additional properties`,
          );
        }
      }
      if (reply.in_reply_to_tweet_id === undefined) {
        return schemaError("$.reply.in_reply_to_tweet_id: is missing but it is required");
      }
      if (typeof reply.in_reply_to_tweet_id !== "string" || !/^[0-9]{1,19}$/.test(reply.in_reply_to_tweet_id)) {
        return schemaError("$.reply.in_reply_to_tweet_id: does not match the regex pattern ^[0-9]{1,19}$");
      }
      inReplyToId = reply.in_reply_to_tweet_id;
    }
    const text = input.text as string | undefined;
    if (text === undefined || text === "") {
      // Text is optional on X only alongside media, a poll or a quote, none of which the fake models.
      return {
        status: 400,
        body: invalidRequest([
          { parameters: { text: text === undefined ? [] : [text] }, message: "Tweet text must not be empty." },
        ]),
        error: "empty text",
      };
    }
    const { weightedLength } = twitterText.parseTweet(text);
    if (weightedLength > 280) {
      return {
        status: 400,
        body: invalidRequest([{ parameters: { text: [text] }, message: tooLongMessage }]),
        error: `text weighs ${weightedLength} of 280`,
      };
    }
    const parent = inReplyToId ? tweets.find((t) => t.id === inReplyToId && !t.deletedAt) : undefined;
    if (inReplyToId && !parent) {
      return { status: 403, body: problems.replyNotVisible, error: `no visible tweet ${inReplyToId}` };
    }
    if (tweets.some((t) => !t.deletedAt && t.text === text)) {
      return { status: 403, body: problems.duplicate, error: "duplicate content" };
    }
    const createdAt = clock();
    const id = nextId(createdAt);
    const tweet: FakeTweet = {
      id,
      text,
      authorId: user.id,
      inReplyToId,
      conversationId: parent ? parent.conversationId : id,
      createdAt,
      weightedLength,
      deletedAt: null,
    };
    tweets.push(tweet);
    options.onTweet?.(tweet);
    return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
  }

  /** Runs the /2/ checks in X's order: authentication, revocation, permission, then the route. */
  function api(
    req: IncomingMessage,
    rawPath: string,
    body: Buffer,
    route: string,
    handler: () => Answer,
    opts: { write: boolean },
  ): Answer {
    const headers = rateHeaders(route);
    const refused = (status: number, problem: Problem, error: string): Answer => ({
      status,
      body: problem,
      headers,
      error,
    });
    const authError = verifyOAuth(req, rawPath, body);
    if (authError) return refused(401, problems.unauthorized, authError);
    if (revoked) return refused(401, problems.unauthorized, "credentials revoked");
    if (opts.write && forbidden) return refused(403, problems.oauth1Permissions, "app lacks write permission");
    if (route === "POST /2/tweets" && failures.length > 0) {
      const failure = failures.shift()!;
      if (failure.status === "network") return { network: true, error: "injected network failure" };
      return {
        status: failure.status,
        body: failure.body ?? genericProblem(failure.status),
        headers,
        error: `injected ${failure.status}`,
      };
    }
    if (!consume(route)) {
      const limit = limitFor(route);
      return refused(429, problems.tooManyRequests, `more than ${limit.limit} requests in ${limit.windowMs} ms`);
    }
    const answer = handler();
    return "network" in answer ? answer : { ...answer, headers: { ...rateHeaders(route), ...answer.headers } };
  }

  function fakeHelper(method: string, path: string, body: Buffer): Answer {
    let input: Record<string, unknown> = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString("utf8"));
      } catch {
        return { status: 400, body: { error: "body must be JSON" } };
      }
    }
    const ok: Answer = { status: 200, body: { ok: true } };
    const key = `${method} ${path}`;
    switch (key) {
      case "GET /__fake/tweets":
        return { status: 200, body: tweets };
      case "GET /__fake/requests":
        return { status: 200, body: requests };
      case "POST /__fake/fail": {
        const status = input.status ?? 503;
        if (status !== "network" && typeof status !== "number") return { status: 400, body: { error: "bad status" } };
        handle.failNext(Number(input.count ?? 1), status, input.body);
        return { status: 200, body: { ok: true, pending: failures.length } };
      }
      case "POST /__fake/rate-limit":
        handle.setRateLimit({ limit: Number(input.limit), windowMs: Number(input.windowMs) });
        return ok;
      case "POST /__fake/revoke":
        handle.revoke();
        return ok;
      case "POST /__fake/restore":
        handle.restore();
        return ok;
      case "POST /__fake/forbid":
        handle.forbid();
        return ok;
      case "POST /__fake/allow":
        handle.allow();
        return ok;
      case "POST /__fake/reset":
        handle.reset();
        return ok;
      default:
        return notFound(path);
    }
  }

  function route(req: IncomingMessage, rawPath: string, body: Buffer): Answer {
    const method = req.method ?? "GET";
    const url = new URL(rawPath, "http://fake-x.invalid");
    const path = url.pathname;
    if (path.startsWith("/__fake/")) return fakeHelper(method, path, body);
    if (method === "POST" && path === "/2/tweets") {
      return api(req, rawPath, body, "POST /2/tweets", () => postTweet(req, body), { write: true });
    }
    if (method === "GET" && path === "/2/users/me") {
      return api(req, rawPath, body, "GET /2/users/me", () => ({ status: 200, body: { data: user } }), {
        write: false,
      });
    }
    const byId = /^\/2\/tweets\/([^/]+)$/.exec(path);
    if (byId && (method === "GET" || method === "DELETE")) {
      const id = decodeURIComponent(byId[1]);
      return api(
        req,
        rawPath,
        body,
        `${method} /2/tweets/:id`,
        () => {
          if (!/^[0-9]{1,19}$/.test(id)) {
            return {
              status: 400,
              body: invalidRequest([
                { parameters: { id: [id] }, message: `The \`id\` query parameter value [${id}] is not valid` },
              ]),
            };
          }
          const tweet = tweets.find((t) => t.id === id && !t.deletedAt);
          if (method === "DELETE") {
            if (tweet) tweet.deletedAt = clock();
            return { status: 200, body: { data: { deleted: Boolean(tweet) } } };
          }
          // X answers a missing Tweet with 200 and an errors array, not 404.
          if (!tweet) return { status: 200, body: { errors: [notFoundTweet(id)] } };
          const fields = new Set((url.searchParams.get("tweet.fields") ?? "").split(",").filter(Boolean));
          return { status: 200, body: { data: tweetJson(tweet, fields) } };
        },
        { write: method === "DELETE" },
      );
    }
    return notFound(path);
  }

  function notFound(path: string): Answer {
    return {
      status: 404,
      body: {
        title: "Not Found Error",
        detail: `Could not find the requested resource ${path}.`,
        type: "https://api.twitter.com/2/problems/resource-not-found",
        status: 404,
      },
      error: "no such route",
    };
  }

  function record(req: IncomingMessage, status: number | "network", error: string | null) {
    const entry: FakeXRequest = { at: clock(), method: req.method ?? "GET", path: req.url ?? "/", status, error };
    requests.push(entry);
    options.onRequest?.(entry);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    let answer: Answer;
    try {
      const body = await readBody(req);
      answer =
        body === null
          ? { status: 413, body: genericProblem(413), error: `body over ${maxBodyBytes} bytes` }
          : route(req, req.url ?? "/", body);
    } catch (e) {
      answer = { status: 500, body: genericProblem(500), error: `fake X crashed: ${(e as Error).stack ?? e}` };
    }
    if ("network" in answer) {
      record(req, "network", answer.error);
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { ...answer.headers };
    let payload: string;
    if (typeof answer.body === "string") {
      // A non-JSON body, as proxies in front of X sometimes send (HTML error pages).
      payload = answer.body;
      headers["content-type"] = "text/html; charset=utf-8";
    } else {
      payload = JSON.stringify(answer.body ?? {});
      headers["content-type"] = jsonType;
    }
    headers["content-length"] = String(Buffer.byteLength(payload));
    res.writeHead(answer.status, headers);
    res.end(payload);
    record(req, answer.status, answer.error ?? null);
  }

  const server = createServer((req, res) => {
    void onRequest(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  const handle: FakeX = {
    url: `http://${host}:${address.port}`,
    user,
    credentials,
    tweets,
    requests,
    failNext(count, status = 503, body) {
      for (let i = 0; i < count; i++) failures.push({ status, body });
    },
    clearFailures() {
      failures.length = 0;
    },
    revoke() {
      revoked = true;
    },
    restore() {
      revoked = false;
    },
    forbid() {
      forbidden = true;
    },
    allow() {
      forbidden = false;
    },
    setRateLimit(rateLimit) {
      if (!(rateLimit.limit >= 0 && rateLimit.windowMs > 0))
        throw new Error("rate limit needs limit >= 0 and windowMs > 0");
      postLimit = { ...rateLimit };
    },
    deleteTweet(id) {
      const tweet = tweets.find((t) => t.id === id);
      if (tweet && !tweet.deletedAt) tweet.deletedAt = clock();
    },
    reset() {
      // In place, so that references taken earlier still see the live arrays.
      tweets.length = 0;
      requests.length = 0;
      failures.length = 0;
      windows.clear();
      revoked = false;
      forbidden = false;
      postLimit = { ...initialRateLimit };
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
  return handle;
}

function schemaError(message: string): Answer {
  return { status: 400, body: invalidRequest([{ parameters: {}, message }]), error: message };
}

function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}

/** The whole body, or null once it passes maxBodyBytes. */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) tooBig = true;
    if (!tooBig) chunks.push(chunk as Buffer);
  }
  return tooBig ? null : Buffer.concat(chunks);
}
