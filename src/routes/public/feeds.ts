import type { Hono } from "hono";
import { atomFeed, rssFeed } from "../../render/feeds/documents.ts";
import { feeds } from "../../render/feeds/links.ts";
import { listFeedIncidents } from "../../services/feeds.ts";
import { type AppEnv, serviceContext } from "../env.ts";

/** How many incidents a feed carries, as Statuspage's history feeds do. */
export const feedSize = 50;

/**
 * RSS 2.0 and Atom 1.0 feeds of the latest incidents and scheduled
 * maintenances (titled as such) with every update, at Statuspage's paths.
 * Like the pages, they depend only on the database, the clock and the config.
 *
 * @example registerFeedRoutes(app); await app.request("/history.rss") // application/rss+xml
 */
export function registerFeedRoutes(app: Hono<AppEnv>) {
  // Statuspage's paths, plus /feed.rss and /feed.atom; the feeds name the first as their own.
  for (const [feed, build] of [
    [feeds.rss, rssFeed],
    [feeds.atom, atomFeed],
  ] as const) {
    app.on("GET", [feed.path, feed.alias], async (c) => {
      const ctx = serviceContext(c);
      const incidents = await listFeedIncidents(ctx, { limit: feedSize });
      const xml = build(incidents, ctx.clock(), ctx.config);
      return c.body(xml, 200, { "content-type": `${feed.type}; charset=utf-8` });
    });
  }
}
