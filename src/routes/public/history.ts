import type { Hono } from "hono";
import { render } from "../../render/index.ts";
import { historyPageView } from "../../render/views/history-page.ts";
import { loadHistoryPage } from "../../services/pages/index.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { errorPage } from "./error-page.ts";
import { maxHistoryPage, parsePage } from "./page-param.ts";

/**
 * `/history`: every incident and past maintenance, newest first, by month,
 * 25 to a page; a bad `?page=` gets a 400 page, one past the end a 404.
 *
 * @example registerHistoryPage(app); await app.request("/history?page=2")
 */
export function registerHistoryPage(app: Hono<AppEnv>) {
  app.get("/history", async (c) => {
    const ctx = serviceContext(c);
    const now = ctx.clock();
    const page = parsePage(c);
    if (typeof page === "string") return errorPage(c, 400, "That page does not exist", page);
    const found = await loadHistoryPage(ctx, page);
    if (page > 1 && !found.incidents.length)
      return errorPage(c, 404, "That page does not exist", `page: there are no incidents on page ${page}.`);
    return c.html(render("pages/history", historyPageView(found, page, maxHistoryPage, now, ctx.config)));
  });
}
