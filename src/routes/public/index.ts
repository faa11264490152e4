import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { registerBadgeRoutes } from "./badges.ts";
import { registerCalendarRoutes } from "./calendar.ts";
import { registerFeedRoutes } from "./feeds.ts";
import { registerHistoryPage } from "./history.ts";
import { registerHomePage } from "./home.ts";
import { registerIncidentPage } from "./incident.ts";
import { registerRecordPage } from "./record.ts";
import { registerStatuspageV2Routes } from "./statuspage-v2.ts";
import { registerSubscribeRoutes } from "./subscribe.ts";

/**
 * Everything the public reads without a key: the HTML pages, the maintenance
 * calendar, Statuspage's v2 JSON, the feeds, the badges and the subscribe form, in that order.
 *
 * @example registerPublicRoutes(app); await app.request("/") // 200 text/html
 */
export function registerPublicRoutes(app: Hono<AppEnv>) {
  registerHomePage(app);
  registerIncidentPage(app);
  registerHistoryPage(app);
  registerRecordPage(app);
  registerCalendarRoutes(app);
  registerStatuspageV2Routes(app);
  registerFeedRoutes(app);
  registerBadgeRoutes(app);
  registerSubscribeRoutes(app);
}
