import type { Context, MiddlewareHandler } from "hono";
import type {
  AppEnv,
  CachedReply,
  CacheRequest,
  Compressor,
  Encoding,
  PublicCache,
  PublicCacheOptions,
} from "../../app-env.ts";
import { encodingPreferences, gzipWeb } from "./encodings.ts";
import { captureEntry, type Entry, replyFrom } from "./entries.ts";
import { isCachedPath } from "./paths.ts";
import { versionReader } from "./version.ts";

export { acceptedEncodings, gzipWeb } from "./encodings.ts";
export { isCachedPath } from "./paths.ts";

/**
 * The public response cache. Pages, feeds and the v2 JSON are rendered once
 * per change of the data (page_version, bumped by triggers on every table
 * they show) and at most once a minute otherwise (pages say "passed 25
 * minutes ago"), whatever the traffic: a stampede on outage day costs one
 * render, then bytes from memory. Concurrent misses for one URL share that
 * render. Each entry is compressed once per encoding, carries a content ETag
 * (If-None-Match gets 304) and a short Cache-Control with
 * stale-while-revalidate, so browsers and CDNs absorb most of the rest.
 * Anything but a 200 passes through uncached.
 *
 * @example const cache = publicCache(); app.use(cache.middleware);
 */
export function publicCache(options: PublicCacheOptions = {}): PublicCache {
  const maxEntries = options.maxEntries ?? 500;
  const cacheControl = options.cacheControl ?? "public, max-age=10, stale-while-revalidate=60";
  const compressors: Partial<Record<Encoding, Compressor | null>> = { gzip: gzipWeb, ...options.compressors };
  const versions = versionReader(options.versionTtlMs ?? 1000, options.monotonic ?? (() => performance.now()));
  const entries = new Map<string, Entry>();
  const rendering = new Map<string, Promise<Entry | null>>();
  const preferred = encodingPreferences();

  function store(key: string, entry: Entry) {
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  }

  const reply = (req: CacheRequest, entry: Entry): CachedReply => replyFrom(req, entry, preferred);

  function respond(c: Context<AppEnv>, entry: Entry): Response {
    const r = reply(
      {
        method: c.req.method,
        acceptEncoding: c.req.header("accept-encoding"),
        ifNoneMatch: c.req.header("if-none-match"),
        requestId: c.var.requestId,
      },
      entry,
    );
    return new Response(r.body as BodyInit | null, { status: r.status, headers: r.headers });
  }

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD") {
      await next();
      // A write through this process: the pages must show it on the next read.
      if (c.res.status < 400) versions.stale();
      return;
    }
    if (!isCachedPath(c.req.path)) return next();
    const { db, clock } = c.var.deps;
    const url = new URL(c.req.url);
    const key = url.pathname + url.search;
    const version = await versions.current(db);
    const minute = Math.floor(clock().getTime() / 60_000);
    const cached = entries.get(key);
    if (cached && cached.version === version && cached.minute === minute) {
      c.res = undefined;
      c.res = respond(c, cached);
      return;
    }
    const shared = rendering.get(key);
    if (shared) {
      // Another request is rendering this URL. Until it is done, the previous
      // render (one change behind, for a few milliseconds) is better than a
      // queue: outage-day traffic keeps flowing while updates land.
      if (cached) {
        c.res = undefined;
        c.res = respond(c, cached);
        return;
      }
      const entry = await shared.catch(() => null);
      if (entry && entry.version === version && entry.minute === minute) {
        c.res = undefined;
        c.res = respond(c, entry);
        return;
      }
      return next();
    }
    let settle: (entry: Entry | null) => void = () => {};
    const mine = new Promise<Entry | null>((resolve) => {
      settle = resolve;
    });
    rendering.set(key, mine);
    try {
      await next();
      const entry = await captureEntry(c.res.clone(), version, minute, { compressors, cacheControl });
      settle(entry);
      if (!entry) return;
      store(key, entry);
      c.res = undefined;
      c.res = respond(c, entry);
    } catch (err) {
      settle(null);
      throw err;
    } finally {
      rendering.delete(key);
    }
  };
  /**
   * A cache hit without going through the app, or null (then the app
   * handles the request, refreshing what is stale). The Node entry answers
   * hits straight from the socket with it, as an edge cache would.
   */
  function lookup(path: string, req: CacheRequest, now: Date): CachedReply | null {
    if (
      (req.method !== "GET" && req.method !== "HEAD") ||
      !isCachedPath(path.includes("?") ? path.slice(0, path.indexOf("?")) : path)
    )
      return null;
    const version = versions.peek();
    if (version === null) return null;
    const entry = entries.get(path);
    if (!entry) return null;
    // Being rendered anew: the previous render until then, as the middleware does.
    if (rendering.has(path)) return reply(req, entry);
    if (entry.version !== version || entry.minute !== Math.floor(now.getTime() / 60_000)) return null;
    return reply(req, entry);
  }

  return { middleware, lookup, invalidate: () => versions.stale() };
}
