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
