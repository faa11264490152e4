import type { Hono } from "hono";
import { render } from "../../render/index.ts";
import { homeView } from "../../render/views/home-page.ts";
import { loadHomePage } from "../../services/pages/index.ts";
import { type AppEnv, serviceContext } from "../env.ts";

/**
 * `/`: the overall status, open incidents and maintenances, and the
 * components with their 90-day bars.
 *
 * @example registerHomePage(app); await app.request("/") // 200 text/html
 */
export function registerHomePage(app: Hono<AppEnv>) {
  app.get("/", async (c) => {
    const ctx = serviceContext(c);
    const now = ctx.clock();
    const data = await loadHomePage(ctx, now);
    return c.html(render("pages/home", homeView(data, now, ctx.config)));
  });
}
