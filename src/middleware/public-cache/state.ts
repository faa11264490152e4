import type {
  CachedReply,
  CacheRequest,
  Compressor,
  Encoding,
  PublicCacheOptions,
  RenderStore,
} from "../../app-env.ts";
import type { DatabaseHealth } from "../../db/health.ts";
import type { CacheResult } from "../../lib/metrics/process-metrics.ts";
import { encodingPreferences, gzipWeb } from "./encodings.ts";
import { captureEntry, type Entry, replyFrom } from "./entries.ts";
import { withStaleNotice } from "./stale.ts";
import { type VersionReader, versionReader } from "./version.ts";

/** What one public cache holds, shared by its middleware and its lookup. */
export type CacheState = {
  versions: VersionReader;
  /** URL (path and query) → its latest render, least recently stored first. */
  entries: Map<string, Entry>;
  /**
   * URLs being rendered now, so concurrent misses share one render. Read it
   * freely; change it only through `beginRender` and `endRender`.
   */
  rendering: ReadonlyMap<string, Promise<Entry | null>>;
  /** Marks a URL as being rendered: until it is stored, its previous render may be served (a change, see onChange). */
  beginRender: (key: string, render: Promise<Entry | null>) => void;
  endRender: (key: string) => void;
  /** Null when nobody tracks the database's health (then every read asks it). */
  health: DatabaseHealth | null;
  capture: (res: Response, version: number, minute: number) => Promise<Entry | null>;
  store: (key: string, entry: Entry) => void;
  reply: (req: CacheRequest, entry: Entry) => CachedReply;
  /** The encodings a client's Accept-Encoding allows, best first (parsed once per distinct header). */
  preferred: (header: string | undefined) => Encoding[];
  /** The entry as served while the database is down: HTML with the notice in its banner, built once per entry. */
  stale: (entry: Entry) => Promise<Entry>;
  /** The stale copy if it is built already (the Node fast path cannot wait), else null. */
  staleReady: (entry: Entry) => Entry | null;
  /** Saved renders loaded back into memory. */
  loaded: Promise<number>;
  /** Counts changes to what may be served (a store, a new data version, a write here); listeners hear each. */
  generation: () => number;
  onChange: (fn: () => void) => void;
  versionTtlMs: number;
  /** Hears how each read was answered, for the metrics. */
  count: (result: CacheResult) => void;
};

/** Browsers and CDNs may keep serving a page for a day while Candor answers errors. */
const defaultCacheControl = "public, max-age=10, stale-while-revalidate=60, stale-if-error=86400";
/** A saved render is served only while the database is down: browsers should ask again soon. */
const staleCacheControl = "public, max-age=5, stale-if-error=86400";

/**
 * A cache's state from its options: at most `maxEntries` URLs (the oldest
 * dropped first, so query strings cannot grow it without bound), gzip unless
 * told otherwise, one data-version read trusted for `versionTtlMs` and then
 * refreshed behind the requests, and renders saved to `renderStore`.
 *
 * @example const state = cacheState({ versionTtlMs: 0 });
 */
export function cacheState(options: PublicCacheOptions): CacheState {
  const maxEntries = options.maxEntries ?? 500;
  const cacheControl = options.cacheControl ?? defaultCacheControl;
  const compressors: Partial<Record<Encoding, Compressor | null>> = { gzip: gzipWeb, ...options.compressors };
  const health = options.health ?? null;
  const listeners: (() => void)[] = [];
  let generation = 0;
  const changed = () => {
    generation++;
    for (const fn of listeners) fn();
  };
  const versions = versionReader(
    options.versionTtlMs ?? 1000,
    options.monotonic ?? (() => performance.now()),
    (err) => health?.report(err),
    changed,
  );
  const entries = new Map<string, Entry>();
  const rendering = new Map<string, Promise<Entry | null>>();
  const staleCopies = new WeakMap<Entry, Promise<Entry>>();
  const staleBuilt = new WeakMap<Entry, Entry>();
  const preferred = encodingPreferences();
  const renderStore: RenderStore | undefined = options.renderStore;
  const savedMinute = new Map<string, number>();

  function keep(key: string, entry: Entry) {
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  }

  function stale(entry: Entry): Promise<Entry> {
    let copy = staleCopies.get(entry);
    if (!copy) {
      const { headers, body } = entry.variants.identity;
      const marked = withStaleNotice(body, headers["content-type"] ?? "", entry.minute * 60_000);
      copy = captureEntry(
        new Response((marked ?? body) as BodyInit, { status: entry.status, headers }),
        entry.version,
        entry.minute,
        { compressors, cacheControl: staleCacheControl },
      ).then((built) => {
        const result = built ?? entry;
        staleBuilt.set(entry, result);
        return result;
      });
      staleCopies.set(entry, copy);
    }
    return copy;
  }

  async function load(): Promise<number> {
    if (!renderStore) return 0;
    let count = 0;
    for (const saved of await renderStore.load()) {
      // Something rendered since start is newer than anything on disk.
      if (entries.has(saved.key)) continue;
      const entry = await captureEntry(
        new Response(saved.body as BodyInit, { status: saved.status, headers: saved.headers }),
        saved.version,
        Math.floor(saved.renderedAt / 60_000),
        { compressors, cacheControl },
      );
      if (!entry || entries.has(saved.key)) continue;
      entries.set(saved.key, entry);
      count++;
    }
    return count;
  }

  return {
    versions,
    entries,
    rendering,
    beginRender(key, render) {
      rendering.set(key, render);
      // The previous render may be served again until this one is stored:
      // a front thread must hear it, or every read of this URL would pass to
      // the app for as long as the render takes.
      changed();
    },
    endRender(key) {
      // A failed render leaves nothing servable for this URL: say so too.
      if (rendering.delete(key)) changed();
    },
    health,
    capture: (res, version, minute) => captureEntry(res, version, minute, { compressors, cacheControl }),
    store(key, entry) {
      const previous = entries.get(key);
      keep(key, entry);
      changed();
      // Each minute re-renders every page: a write for each change, and else
      // every few minutes, so the banner's "since" stays close to the truth.
      const saved = savedMinute.get(key);
      if (renderStore && (previous?.etag !== entry.etag || saved === undefined || entry.minute - saved >= 5)) {
        savedMinute.set(key, entry.minute);
        if (savedMinute.size > maxEntries * 2) savedMinute.clear();
        const { headers, body } = entry.variants.identity;
        renderStore.save({
          key,
          version: entry.version,
          renderedAt: entry.minute * 60_000,
          status: entry.status,
          headers,
          body,
        });
      }
    },
    reply: (req, entry) => replyFrom(req, entry, preferred),
    preferred,
    stale,
    staleReady(entry) {
      const built = staleBuilt.get(entry);
      // Not built yet: start it, so the next request through here finds it.
      if (!built) void stale(entry);
      return built ?? null;
    },
    loaded: load().catch(() => 0),
    generation: () => generation,
    onChange: (fn) => listeners.push(fn),
    versionTtlMs: options.versionTtlMs ?? 1000,
    count: options.count ?? (() => {}),
  };
}
