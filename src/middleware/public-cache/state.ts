import type { CachedReply, CacheRequest, Compressor, Encoding, PublicCacheOptions } from "../../app-env.ts";
import { encodingPreferences, gzipWeb } from "./encodings.ts";
import { captureEntry, type Entry, replyFrom } from "./entries.ts";
import { versionReader } from "./version.ts";

/** What one public cache holds, shared by its middleware and its lookup. */
export type CacheState = {
  versions: ReturnType<typeof versionReader>;
  /** URL (path and query) → its latest render, least recently stored first. */
  entries: Map<string, Entry>;
  /** URLs being rendered now, so concurrent misses share one render. */
  rendering: Map<string, Promise<Entry | null>>;
  capture: (res: Response, version: number, minute: number) => Promise<Entry | null>;
  store: (key: string, entry: Entry) => void;
  reply: (req: CacheRequest, entry: Entry) => CachedReply;
};

/**
 * A cache's state from its options: at most `maxEntries` URLs (the oldest
 * dropped first, so query strings cannot grow it without bound), gzip unless
 * told otherwise, and one data-version read trusted for `versionTtlMs`.
 *
 * @example const state = cacheState({ versionTtlMs: 0 });
 */
export function cacheState(options: PublicCacheOptions): CacheState {
  const maxEntries = options.maxEntries ?? 500;
  const cacheControl = options.cacheControl ?? "public, max-age=10, stale-while-revalidate=60";
  const compressors: Partial<Record<Encoding, Compressor | null>> = { gzip: gzipWeb, ...options.compressors };
  const versions = versionReader(options.versionTtlMs ?? 1000, options.monotonic ?? (() => performance.now()));
  const entries = new Map<string, Entry>();
  const preferred = encodingPreferences();
  return {
    versions,
    entries,
    rendering: new Map(),
    capture: (res, version, minute) => captureEntry(res, version, minute, { compressors, cacheControl }),
    store(key, entry) {
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    reply: (req, entry) => replyFrom(req, entry, preferred),
  };
}
