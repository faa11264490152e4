import type { Hono } from "hono";
import type { ProcessMetrics } from "../../lib/metrics/process-metrics.ts";
import { requireScopeOrToken } from "../../middleware/auth.ts";
import { readMetricCounts } from "../../services/metrics/index.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { databaseFamilies } from "./families.ts";

/** How long a scrape waits for the database: well inside Prometheus's default 10 s scrape timeout. */
const databaseBudgetMs = 2000;

/** `work`'s result, or null once `ms` have passed (the work goes on, its result unused). */
async function within<T>(ms: number, work: Promise<T | null>): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /metrics in Prometheus's text format (0.0.4), for a key with
 * metrics:read or METRICS_TOKEN. This process's own counts come from memory;
 * the shared ones are read from the database now, in a few grouped queries.
 * While the database is down, failing or slow, the answer is still a whole 200:
 * the in-memory metrics and candor_metrics_database_up 0. Registered only
 * where the app has process metrics (the Node entry; see README, Metrics).
 */
export function registerMetricsRoute(app: Hono<AppEnv>, metrics: ProcessMetrics) {
  const access = requireScopeOrToken("metrics:read", (c) => c.var.deps.config.metricsToken);
  app.get("/metrics", access, async (c) => {
    const { dbHealth, delivery } = c.var.deps;
    const ctx = serviceContext(c);
    const channels = (delivery?.channels ?? []).map((channel) => channel.name);
    // Known down: no scrape waits on the database; slow, it waits at most databaseBudgetMs.
    const counts = dbHealth?.isDown()
      ? null
      : await within(
          databaseBudgetMs,
          readMetricCounts(ctx, { channels }).catch((err: unknown) => {
            dbHealth?.report(err);
            return null;
          }),
        );
    const text = await metrics.scrape(databaseFamilies(counts, ctx.clock()));
    return c.body(text, 200, { "content-type": metrics.contentType, "cache-control": "no-store" });
  });
}
