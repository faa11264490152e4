import { feeds } from "../../render/feeds/links.ts";
import { statuspageEndpoints } from "../../render/statuspage/endpoints.ts";

/** A component's badge: /components/{slug}/badge.svg. */
const componentBadge = /^\/components\/[^/]+\/badge\.svg$/;

/**
 * Which public responses are cached: the pages, the feeds, the maintenance calendar, the v2 JSON and the badges.
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
    path === "/badge.svg" ||
    path === "/maintenance.ics" ||
    path.startsWith("/incidents/") ||
    componentBadge.test(path) ||
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
  "/badge.svg",
  "/components/:slug/badge.svg",
  "other",
];

/**
 * A cached URL's (path and query) index in cachedRoutes.
 *
 * @example cachedRoutes[cachedRouteIndex("/incidents/inc_1?x=1")] // "/incidents/:id"
 */
export function cachedRouteIndex(url: string): number {
  const path = url.split("?", 1)[0];
  const route = /^\/incidents\/[^/]+$/.test(path)
    ? "/incidents/:id"
    : componentBadge.test(path)
      ? "/components/:slug/badge.svg"
      : path;
  const found = cachedRoutes.indexOf(route);
  return found < 0 ? cachedRoutes.length - 1 : found;
}
