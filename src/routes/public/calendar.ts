import type { Hono } from "hono";
import { maintenanceCalendar } from "../../render/calendar.ts";
import { listCalendarMaintenances } from "../../services/maintenances/calendar.ts";
import { type AppEnv, serviceContext } from "../env.ts";

/** Where the maintenance calendar is: Candor's own path, and one beside Statuspage's scheduled-maintenances.json. */
export const calendarPaths = ["/maintenance.ics", "/api/v2/scheduled-maintenances.ics"] as const;

/**
 * The scheduled maintenances as an iCalendar file (RFC 5545) to subscribe
 * to: upcoming and open work, and work that ended in the last 30 days.
 * Cached and purged like the feeds; registered before the v2 JSON so its
 * catch-all 404 does not answer the second path.
 *
 * @example registerCalendarRoutes(app); await app.request("/maintenance.ics") // text/calendar
 */
export function registerCalendarRoutes(app: Hono<AppEnv>) {
  app.on("GET", [...calendarPaths], async (c) => {
    const ctx = serviceContext(c);
    const ics = maintenanceCalendar(await listCalendarMaintenances(ctx), ctx.config);
    return c.body(ics, 200, { "content-type": "text/calendar; charset=utf-8" });
  });
}
