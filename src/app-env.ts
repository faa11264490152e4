import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { DatabaseHealth } from "./db/health.ts";
import type { Observe } from "./lib/events.ts";
import type { Logger } from "./lib/log.ts";
import type { CacheResult, ProcessMetrics } from "./lib/metrics/process-metrics.ts";
import type { ResolveHost } from "./lib/webhook-target.ts";
import type { ApiKey } from "./services/api-keys/index.ts";
import type { ServiceContext } from "./services/context.ts";

// The app's shared types sit here, below routes and middleware, so that
// middleware never imports routes (that was a type-only cycle).

/** What the app is built from; entries (Node, Workers, tests) supply it. */
export type Deps = {
  db: Db;
  config: Config;
  /** Defaults to the wall clock; tests pass a fake one. */
  clock?: () => Date;
  /** Channels that get outbox rows, and the hook that wakes the engine after a write. */
  delivery?: Pick<ServiceContext, "channels" | "afterCommit">;
  /** Channels Candor knows but this deployment has not configured, and why (for GET /api/v1/channels). */
  disabledChannels?: { name: string; reason: string }[];
  /** Resolves a webhook URL's host when it is added, to refuse private addresses (Node: DNS; tests: a stub; Workers: none). */
  resolveHost?: ResolveHost;
  /** The peer's address as the runtime sees it (the Node entry reads the socket). */
  clientAddress?: (c: Context<AppEnv>) => string | undefined;
  /**
   * The public response cache, or its options (extra encodings such as
   * brotli on Node, how long a data version read is trusted). An entry that
   * answers hits itself passes the cache it built.
   */
  publicCache?: PublicCacheOptions | PublicCache;
  /**
   * What this process knows of the database's health: while it is down,
   * public reads serve saved renders and writes get 503 at once. Defaults to
   * one probed with `select 1`.
   */
  dbHealth?: DatabaseHealth;
  /** The delivery engine's health, for /readyz (the Node entry runs one; Workers run it from cron and report none). */
  engine?: () => EngineHealth;
  /** The process log: an access line per request, and failures nobody asked for (500s). Silent when absent. */
  log?: Logger;
  /** Told what services did that operators count (promises kept): the log and the metrics. */
  observe?: Observe;
  /**
   * This process's metrics: with them the app times its requests, counts its
   * cache's answers and serves GET /metrics. Workers pass none (an isolate's
   * counts are its own and short-lived), so /metrics is a 404 there.
   */
  metrics?: ProcessMetrics;
};

/**
 * Whether the engine that keeps promises is alive: "stalled" when its
 * scheduler has been in one pass, or either loop asleep, far longer than it
 * ever should; "stopped" before start and after shutdown.
 */
export type EngineHealth = { state: "running" | "stalled" | "stopped"; lastPassAt: Date | null };

export type AppEnv = {
  Variables: {
    deps: Deps & { clock: () => Date };
    apiKey: ApiKey | undefined;
    requestId: string;
  };
};

export type Api = OpenAPIHono<AppEnv>;

/** The public response cache's face: the app mounts `middleware`; the Node entry's front thread serves `servingTable`. */
export type PublicCache = {
  middleware: MiddlewareHandler<AppEnv>;
  /** What a front thread may serve now and until when (ADR 0015). */
  servingTable: (nowMs: number) => ServingTable;
  /** Counts changes to what may be served; `onChange` hears each one. */
  generation: () => number;
  onChange: (fn: () => void) => void;
  /** Marks the data version stale: the next request reads it again. */
  invalidate: () => void;
  /** Resolves with how many saved renders were loaded back (0 without a render store). */
  loaded: Promise<number>;
};

/** Compresses a rendered body once; the cache keeps the result. */
export type Compressor = (bytes: Uint8Array) => Promise<Uint8Array>;
export type Encoding = "br" | "gzip";

export type PublicCacheOptions = {
  /**
   * How long one read of `page_version` is trusted before it is read again.
   * A write through this app marks it stale at once; a change made by
   * another process shows within this time. 0 reads it on every request.
   */
  versionTtlMs?: number;
  /** Cached URLs at most (oldest dropped first): query strings cannot grow it without bound. */
  maxEntries?: number;
  /**
   * Encodings on offer besides identity. gzip defaults to the runtime's
   * CompressionStream; null turns one off (Workers compress at the edge).
   */
  compressors?: Partial<Record<Encoding, Compressor | null>>;
  /** Sent with every cached response. */
  cacheControl?: string;
  /** A monotonic clock in ms, for the version's age (performance.now). */
  monotonic?: () => number;
  /** While it says the database is down, reads are answered from the last renders. createApp passes its own. */
  health?: DatabaseHealth;
  /** Where renders are saved beyond memory, so a process started during an outage has pages to serve (Node: DATA_DIR/renders). */
  renderStore?: RenderStore;
  /** Hears how each read in this thread was answered (candor_page_cache_total); createApp passes its metrics'. */
  count?: (result: CacheResult) => void;
};

/** One render as saved: enough to rebuild its cache entry in another process. */
export type SavedRender = {
  key: string;
  version: number;
  /** Wall-clock ms of the render's minute: the stale banner names it. */
  renderedAt: number;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
};

/** Saves renders off the request path and loads them back at start. */
export type RenderStore = {
  save(render: SavedRender): void;
  load(): Promise<SavedRender[]>;
};

/** A response from the cache, runtime-neutral: the middleware makes a Response of it. */
export type CachedReply = {
  status: number;
  /** The headers, request id included. */
  readonly headers: Record<string, string>;
  body: Uint8Array | null;
};

/**
 * A cached reply made once per render for the Node entry's hits: headers as
 * names and values in turn, ending with `x-request-id` and a value the caller
 * sets for each request just before writeHead (node:http copies the headers
 * into the header block at once), so a hit allocates no headers of its own.
 */
export type PreparedReply = { status: number; flatHeaders: string[]; body: Uint8Array | null };

/** One render as the Node entry's front thread serves it (ADR 0015): GET and HEAD per encoding, and the 304. */
export type ServedRender = {
  /** Which cached route it answers (an index into cachedRoutes), and whether it is the copy served while the database is down: what the front counts a hit as. */
  route: number;
  stale: boolean;
  etag: string;
  identity: { get: PreparedReply; head: PreparedReply };
  br?: { get: PreparedReply; head: PreparedReply };
  gzip?: { get: PreparedReply; head: PreparedReply };
  notModified: PreparedReply;
};

/** What a front thread may serve until `deadlineMs` (wall clock), by URL (ADR 0015). */
export type ServingTable = { generation: number; deadlineMs: number; rows: [string, ServedRender][] };

/** The request facts a cached reply depends on. */
export type CacheRequest = {
  method: string;
  acceptEncoding: string | undefined;
  ifNoneMatch: string | undefined;
  requestId?: string;
};
