import { feeds } from "../../render/feeds/links.ts";
import { statuspageEndpoints } from "../../render/statuspage/endpoints.ts";

/**
 * Which public responses are cached: the pages, the feeds, the maintenance calendar and the v2 JSON.
 *
 * @example isCachedPath("/incidents/inc_1") // true; isCachedPath("/api/v1/incidents") // false
 */
export function isCachedPath(path: string): boolean {
  return (
    path === "/" ||
    path === "/history" ||
    path === "/record" ||
    path === "/history.rss" ||
    path === "/history.atom" ||
    path === "/feed.rss" ||
    path === "/feed.atom" ||
    path === "/maintenance.ics" ||
    path.startsWith("/incidents/") ||
    path.startsWith("/api/v2/")
  );
}

/**
 * The route patterns of the cached paths as the app's router names them
 * (the `route` label of candor_http_request_duration_seconds), then "other":
 * a front thread labels its hits with these, never with the raw URL.
 */
export const cachedRoutes: readonly string[] = [
  "/",
  "/history",
  "/record",
  "/incidents/:id",
  feeds.rss.path,
  feeds.rss.alias,
  feeds.atom.path,
  feeds.atom.alias,
  "/maintenance.ics",
  "/api/v2/scheduled-maintenances.ics",
  ...statuspageEndpoints.map((endpoint) => `/api/v2/${endpoint}.json`),
  "other",
];

/**
 * A cached URL's (path and query) index in cachedRoutes.
 *
 * @example cachedRoutes[cachedRouteIndex("/incidents/inc_1?x=1")] // "/incidents/:id"
 */
export function cachedRouteIndex(url: string): number {
  const path = url.split("?", 1)[0];
  const route = /^\/incidents\/[^/]+$/.test(path) ? "/incidents/:id" : path;
  const found = cachedRoutes.indexOf(route);
  return found < 0 ? cachedRoutes.length - 1 : found;
}
