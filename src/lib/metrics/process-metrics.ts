import { Counter, collectDefaultMetrics, type Metric, Registry } from "prom-client";
import type { Observe } from "../events.ts";
import type { MetricFamily } from "./family.ts";
import type { HitCounts } from "./hit-counts.ts";
import { requestDurations } from "./request-durations.ts";

/** How the public cache answered a read: from memory, by rendering, or from the last render while the database is down or failing. */
export const cacheResults = ["hit", "miss", "stale", "stale_on_error"] as const;
export type CacheResult = (typeof cacheResults)[number];

/** Another thread's cache hits (the Node entry's front thread), asked for at each scrape; `routes` labels its route indices. */
export type HitSource = { counts: () => Promise<HitCounts>; routes: readonly string[] };

/** What this process counts in memory, and its side of a scrape. */
export type ProcessMetrics = {
  /** The engine's events: counts deliveries by channel and result. */
  observe: Observe;
  /** The public cache in this thread answered a read. */
  cacheResult: (result: CacheResult) => void;
  /** The app answered a request: `route` is its route pattern, never the raw path. */
  requestDone: (route: string, status: number, seconds: number) => void;
  addHits: (source: HitSource) => void;
  /** The exposition text: the process's metrics, the in-memory ones and `extra` (read from the database for this scrape). */
  scrape: (extra: MetricFamily[]) => Promise<string>;
  contentType: string;
};

const deliveryResults = { "delivery.delivered": "delivered", "delivery.retried": "retried", "delivery.dead": "dead" };

/**
 * The in-memory metrics of one process, in a prom-client registry of its
 * own with the default process metrics (CPU, memory, event loop lag, GC).
 * They count what this process did since it started; counts that several
 * processes share live in the database and are read at scrape time.
 *
 * @example const metrics = processMetrics(); engine = createEngine({ ..., observe: metrics.observe })
 */
export function processMetrics(): ProcessMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const deliveries = new Counter({
    name: "candor_deliveries_total",
    help: "Delivery attempts by this process's engine, by channel and result (delivered, retried, dead).",
    labelNames: ["channel", "result"] as const,
    registers: [registry],
  });
  const cache = Object.fromEntries(cacheResults.map((r) => [r, 0])) as Record<CacheResult, number>;
  const durations = requestDurations();
  const sources: HitSource[] = [];

  return {
    observe(event) {
      if (event.event in deliveryResults) {
        const result = deliveryResults[event.event as keyof typeof deliveryResults];
        deliveries.inc({ channel: (event as { channel: string }).channel, result });
      }
    },
    cacheResult(result) {
      cache[result]++;
    },
    requestDone: durations.record,
    addHits(source) {
      sources.push(source);
    },
    async scrape(extra) {
      const threads = await Promise.all(sources.map(async (s) => ({ counts: await s.counts(), routes: s.routes })));
      const results = { ...cache };
      for (const { counts } of threads) {
        results.hit += counts.results[0];
        results.stale += counts.results[1];
      }
      const pageCache: MetricFamily = {
        name: "candor_page_cache_total",
        help: "Public page reads by how the cache answered: hit, miss (rendered), stale (database down), stale_on_error (a read failed).",
        type: "counter",
        values: cacheResults.map((result) => ({ labels: { result }, value: results[result] })),
      };
      const scrapeOnly = new Registry();
      for (const family of [pageCache, durations.family(threads), ...extra])
        scrapeOnly.registerMetric(asMetric(family));
      return Registry.merge([registry, scrapeOnly]).metrics();
    },
    contentType: registry.contentType,
  };
}

/**
 * A family as prom-client's registry takes it: it formats any registered
 * object with a name and a get() that returns the values (its types only
 * name its own classes, whose values cannot be set from counts).
 */
function asMetric(family: MetricFamily): Metric {
  const values = { ...family, aggregator: "sum" };
  return { name: family.name, help: family.help, type: family.type, get: async () => values, reset() {} } as never;
}
