import type { Hono } from "hono";
import { render } from "../../render/index.ts";
import { recordPageView } from "../../render/views/record-page.ts";
import { loadRecord } from "../../services/record/index.ts";
import { type AppEnv, serviceContext } from "../env.ts";

/**
 * `/record`: the last 90 days' promises, month by month, and every ETA with
 * how it turned out. Only with PAGE_SHOW_RECORD=on; off, it is the app's 404.
 *
 * @example registerRecordPage(app); await app.request("/record") // 200 text/html when on
 */
export function registerRecordPage(app: Hono<AppEnv>) {
  app.get("/record", async (c) => {
    const ctx = serviceContext(c);
    if (!ctx.config.pageShowRecord) return c.notFound();
    const now = ctx.clock();
    const data = await loadRecord(ctx, now, { ledger: true });
    return c.html(render("pages/record", recordPageView(data, now, ctx.config)));
  });
}
