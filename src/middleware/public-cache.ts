import type { Context, MiddlewareHandler } from "hono";
import type {
  AppEnv,
  CachedReply,
  CacheRequest,
  Compressor,
  Encoding,
  PublicCache,
  PublicCacheOptions,
} from "../app-env.ts";
import type { Db } from "../db/client.ts";
import { pageVersion } from "../db/schema/index.ts";

type Variant = { headers: Record<string, string>; body: Uint8Array };
type Entry = {
  version: number;
  minute: number;
  status: number;
  etag: string;
  /** Each encoding's body with its finished headers, and the 304's headers: built once per render, not per hit. */
  variants: { identity: Variant } & Partial<Record<Encoding, Variant>>;
  notModified: Record<string, string>;
};

/** Which public responses are cached: the pages, the feeds and the v2 JSON. */
export function isCachedPath(path: string): boolean {
  return (
    path === "/" ||
    path === "/history" ||
    path === "/history.rss" ||
    path === "/history.atom" ||
    path === "/feed.rss" ||
    path === "/feed.atom" ||
    path.startsWith("/incidents/") ||
    path.startsWith("/api/v2/")
  );
}

const compressible = /^(text\/|application\/(json|rss\+xml|atom\+xml|xml|javascript))/;
/** Below this, compression saves less than its headers cost. */
const minCompressBytes = 1024;

/** gzip through the Compression Streams API (Node and Workers both have it). */
export const gzipWeb: Compressor = async (bytes) => {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

/** The encodings the client accepts (q > 0), from Accept-Encoding. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? "").split(",")) {
    const [raw, ...params] = part.toLowerCase().split(";");
    const token = raw.trim();
    if (!token) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    accepted.add(token);
  }
  return accepted;
}

/** True when If-None-Match names this ETag (weak comparison, as GET allows) or is "*". */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

async function etagOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", bytes as BufferSource));
  let hex = "";
  for (const b of digest.subarray(0, 12)) hex += b.toString(16).padStart(2, "0");
  return `W/"${hex}"`;
}

/** Reads the data version, trusting one read for `ttlMs`; concurrent callers share one query. */
function versionReader(ttlMs: number, monotonic: () => number) {
  let value = -1;
  let readAt = Number.NEGATIVE_INFINITY;
  let inflight: Promise<number> | null = null;
  return {
    async current(db: Db): Promise<number> {
      if (ttlMs > 0 && monotonic() - readAt < ttlMs) return value;
      inflight ??= (async () => {
        try {
          const started = monotonic();
          const [row] = await db.select({ version: pageVersion.version }).from(pageVersion);
          value = row?.version ?? 0;
          readAt = started;
          return value;
        } finally {
          inflight = null;
        }
      })();
      return inflight;
    },
    /** The version if the last read is still trusted, else null (no query). */
    peek(): number | null {
      return ttlMs > 0 && monotonic() - readAt < ttlMs ? value : null;
    },
    stale() {
      readAt = Number.NEGATIVE_INFINITY;
    },
  };
}

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
 */
export function publicCache(options: PublicCacheOptions = {}): PublicCache {
  const maxEntries = options.maxEntries ?? 500;
  const cacheControl = options.cacheControl ?? "public, max-age=10, stale-while-revalidate=60";
  const compressors: Partial<Record<Encoding, Compressor | null>> = { gzip: gzipWeb, ...options.compressors };
  const versions = versionReader(options.versionTtlMs ?? 1000, options.monotonic ?? (() => performance.now()));
  const entries = new Map<string, Entry>();
  const rendering = new Map<string, Promise<Entry | null>>();

  async function capture(res: Response, version: number, minute: number): Promise<Entry | null> {
    if (res.status !== 200 || res.headers.has("set-cookie")) return null;
    const identity = new Uint8Array(await res.arrayBuffer());
    const headers: [string, string][] = [];
    res.headers.forEach((value, name) => {
      if (!["content-length", "content-encoding", "etag", "cache-control", "vary", "x-request-id"].includes(name)) {
        headers.push([name, value]);
      }
    });
    const bodies: Partial<Record<Encoding, Uint8Array>> = {};
    const type = res.headers.get("content-type") ?? "";
    if (identity.byteLength >= minCompressBytes && compressible.test(type)) {
      for (const [encoding, compress] of Object.entries(compressors) as [Encoding, Compressor | null][]) {
        if (!compress) continue;
        const packed = await compress(identity);
        if (packed.byteLength < identity.byteLength) bodies[encoding] = packed;
      }
    }
    const etag = await etagOf(identity);
    const shared: Record<string, string> = {
      ...Object.fromEntries(headers),
      etag,
      "cache-control": cacheControl,
      vary: "Accept-Encoding",
    };
    const variant = (encoding: Encoding | null, body: Uint8Array): Variant => ({
      headers: {
        ...shared,
        ...(encoding ? { "content-encoding": encoding } : {}),
        "content-length": String(body.byteLength),
      },
      body,
    });
    const variants: Entry["variants"] = { identity: variant(null, identity) };
    for (const encoding of ["br", "gzip"] as const) {
      const body = bodies[encoding];
      if (body) variants[encoding] = variant(encoding, body);
    }
    const { "content-type": _, ...notModified } = shared;
    return { version, minute, status: res.status, etag, variants, notModified };
  }

  function store(key: string, entry: Entry) {
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  }

  // Clients send a handful of distinct Accept-Encoding values: parse each once.
  const preferences = new Map<string, Encoding[]>();
  function preferred(header: string | undefined): Encoding[] {
    const key = header ?? "";
    let found = preferences.get(key);
    if (!found) {
      const accepted = acceptedEncodings(header);
      found = (["br", "gzip"] as const).filter((e) => accepted.has(e) || accepted.has("*"));
      if (preferences.size < 100) preferences.set(key, found);
    }
    return found;
  }

  function reply(req: CacheRequest, entry: Entry): CachedReply {
    const withId = (headers: Record<string, string>) =>
      req.requestId ? { ...headers, "x-request-id": req.requestId } : headers;
    if (req.ifNoneMatch && matchesEtag(req.ifNoneMatch, entry.etag)) {
      return { status: 304, headers: withId(entry.notModified), body: null };
    }
    const encoding = preferred(req.acceptEncoding).find((e) => entry.variants[e]);
    const variant = (encoding && entry.variants[encoding]) || entry.variants.identity;
    return {
      status: entry.status,
      headers: withId(variant.headers),
      body: req.method === "HEAD" ? null : variant.body,
    };
  }

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
      const entry = await capture(c.res.clone(), version, minute);
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
