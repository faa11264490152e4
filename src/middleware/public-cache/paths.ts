/**
 * Which public responses are cached: the pages, the feeds and the v2 JSON.
 *
 * @example isCachedPath("/incidents/inc_1") // true; isCachedPath("/api/v1/incidents") // false
 */
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

/**
 * The route a cached URL answers, as the access log and the metrics name it:
 * the query dropped and incident ids folded, so the set stays small (only
 * 200s of the routes above are cached).
 *
 * @example cachedRoute("/incidents/inc_1?x=1") // "/incidents/:id"
 */
export function cachedRoute(url: string): string {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  return path.startsWith("/incidents/") ? "/incidents/:id" : path;
}
