import type { PublicCache, PublicCacheOptions } from "../../app-env.ts";
import { servingTable } from "./lookup.ts";
import { cacheMiddleware } from "./middleware.ts";
import { cacheState } from "./state.ts";

export { acceptedEncodings, encodingPreferences, gzipWeb } from "./encodings.ts";
export { cachedRoutes, isCachedPath } from "./paths.ts";

/**
 * The public response cache. Pages, feeds and the v2 JSON are rendered once
 * per change of the data (page_version, bumped by triggers on every table
 * they show) and at most once a minute otherwise (pages say "passed 25
 * minutes ago"), whatever the traffic: a stampede on outage day costs one
 * render, then bytes from memory. Concurrent misses for one URL share that
 * render. Each entry is compressed once per encoding, carries a content ETag
 * (If-None-Match gets 304) and a short Cache-Control with
 * stale-while-revalidate and stale-if-error, so browsers and CDNs absorb
 * most of the rest. Anything but a 200 passes through uncached. While the
 * database is down the last render is served with a notice in its banner,
 * and renders saved by `renderStore` outlive the process.
 *
 * @example const cache = publicCache(); app.use(cache.middleware);
 */
export function publicCache(options: PublicCacheOptions = {}): PublicCache {
  const state = cacheState(options);
  return {
    middleware: cacheMiddleware(state),
    servingTable: servingTable(state),
    generation: state.generation,
    onChange: state.onChange,
    invalidate: () => state.versions.stale(),
    loaded: state.loaded,
  };
}
