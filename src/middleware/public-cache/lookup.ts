import type { CachedReply, CacheRequest } from "../../app-env.ts";
import { isCachedPath } from "./paths.ts";
import type { CacheState } from "./state.ts";

/**
 * A cache hit without going through the app, or null (then the app
 * handles the request, refreshing what is stale). The Node entry answers
 * hits straight from the socket with it, as an edge cache would; while the
 * database is down that includes the stale copy of the last render.
 *
 * @example const lookup = cacheLookup(state); lookup("/?a=1", { method: "GET", acceptEncoding: "gzip", ifNoneMatch: undefined }, now)
 */
export function cacheLookup(state: CacheState): (path: string, req: CacheRequest, now: Date) => CachedReply | null {
  const { versions, entries, rendering, health } = state;
  return (path, req, now) => {
    if (
      (req.method !== "GET" && req.method !== "HEAD") ||
      !isCachedPath(path.includes("?") ? path.slice(0, path.indexOf("?")) : path)
    )
      return null;
    const entry = entries.get(path);
    if (!entry) return null;
    if (health?.isDown()) {
      const stale = state.staleReady(entry);
      return stale ? state.reply(req, stale) : null;
    }
    const version = versions.peek();
    if (version === null) return null;
    // Being rendered anew: the previous render until then, as the middleware does.
    if (rendering.has(path)) return state.reply(req, entry);
    if (entry.version !== version || entry.minute !== Math.floor(now.getTime() / 60_000)) return null;
    return state.reply(req, entry);
  };
}
