import { describe, expect, it } from "vitest";
import { bucketIndex, histogramSamples } from "../../src/lib/metrics/family.ts";
import { durationBounds, hitCounter } from "../../src/lib/metrics/hit-counts.ts";
import { processMetrics } from "../../src/lib/metrics/process-metrics.ts";
import { parseMetrics } from "../support/prometheus.ts";

describe("histogram samples", () => {
  it("Should count everything at or below each bound, end at +Inf, and give the sum and count", () => {
    const samples = histogramSamples("x_seconds", { route: "/" }, [0.1, 1], [3, 1, 2], 7.5);
    expect(samples.map((s) => [s.metricName, s.labels.le, s.value])).toEqual([
      ["x_seconds_bucket", "0.1", 3],
      ["x_seconds_bucket", "1", 4],
      ["x_seconds_bucket", "+Inf", 6],
      ["x_seconds_sum", undefined, 7.5],
      ["x_seconds_count", undefined, 6],
    ]);
  });

  it("Should put a value on a bound in that bound's bucket", () => {
    expect(bucketIndex([0.1, 1], 0)).toBe(0);
    expect(bucketIndex([0.1, 1], 0.1)).toBe(0);
    expect(bucketIndex([0.1, 1], 0.5)).toBe(1);
    expect(bucketIndex([0.1, 1], 2)).toBe(2);
  });
});

describe("a front thread's hit counter", () => {
  it("Should count hits and stale hits, per route and status, and hand out copies", () => {
    const hits = hitCounter(2);
    hits.record(1, 200, false, 0);
    hits.record(1, 304, false, 3);
    const before = hits.snapshot();
    hits.record(0, 200, true, -5);
    const after = hits.snapshot();
    expect([...before.results]).toEqual([2, 0]);
    expect([...after.results]).toEqual([2, 1]);
    const width = durationBounds.length + 1;
    // Route 1, status 200: series 2; route 1, 304: series 3 (3 ms is in the 5 ms bucket); route 0, 200: series 0.
    expect(after.buckets[2 * width]).toBe(1);
    expect(after.buckets[3 * width + 1]).toBe(1);
    expect(after.sums[3]).toBeCloseTo(0.003);
    // A clock step back counts as no time at all.
    expect(after.buckets[0]).toBe(1);
    expect(after.sums[0]).toBe(0);
  });
});

describe("a process's metrics", () => {
  it("Should count deliveries by channel and result from the engine's events, and nothing else", async () => {
    const metrics = processMetrics();
    metrics.observe({ event: "delivery.delivered", channel: "email", rowId: 1, ms: 20 });
    metrics.observe({ event: "delivery.delivered", channel: "email", rowId: 2, ms: 20 });
    metrics.observe({
      event: "delivery.retried",
      channel: "twitter",
      rowId: 3,
      attempt: 1,
      reason: "503",
      retryAt: null,
    });
    metrics.observe({ event: "delivery.dead", channel: "webhook", rowId: 4, attempt: 12, reason: "gone" });
    metrics.observe({ event: "delivery.claimed", channel: "email", rowId: 5, topic: "update", attempt: 1 });
    metrics.observe({ event: "delivery.paused", channel: "email", rowId: 5 });
    metrics.observe({ event: "channel.health", channel: "email", healthy: false });
    const m = parseMetrics(await metrics.scrape([]));
    expect(m.type("candor_deliveries_total")).toBe("COUNTER");
    expect(m.samples("candor_deliveries_total")).toHaveLength(3);
    expect(m.value("candor_deliveries_total", { channel: "email", result: "delivered" })).toBe(2);
    expect(m.value("candor_deliveries_total", { channel: "twitter", result: "retried" })).toBe(1);
    expect(m.value("candor_deliveries_total", { channel: "webhook", result: "dead" })).toBe(1);
  });

  it("Should add a front thread's hits to this thread's, in one series per route and status", async () => {
    const metrics = processMetrics();
    const routes = ["/", "/incidents/:id", "other"];
    const front = hitCounter(routes.length);
    front.record(1, 200, false, 0);
    front.record(1, 200, false, 0);
    front.record(0, 304, true, 0);
    metrics.addHits({ counts: async () => front.snapshot(), routes });
    metrics.cacheResult("miss");
    metrics.cacheResult("hit");
    metrics.cacheResult("stale_on_error");
    metrics.requestDone("/incidents/:id", 200, 0.02);
    metrics.requestDone("/api/v1/incidents", 401, 0.003);

    const m = parseMetrics(await metrics.scrape([]));
    expect(m.type("candor_page_cache_total")).toBe("COUNTER");
    expect(m.value("candor_page_cache_total", { result: "hit" })).toBe(3);
    expect(m.value("candor_page_cache_total", { result: "miss" })).toBe(1);
    expect(m.value("candor_page_cache_total", { result: "stale" })).toBe(1);
    expect(m.value("candor_page_cache_total", { result: "stale_on_error" })).toBe(1);

    expect(m.type("candor_http_request_duration_seconds")).toBe("HISTOGRAM");
    const page = m.histogram("candor_http_request_duration_seconds", { route: "/incidents/:id", status: "200" });
    expect(page).toMatchObject({ count: 3, buckets: { "0.001": 2, "0.025": 3, "+Inf": 3 } });
    expect(page?.sum).toBeCloseTo(0.02);
    expect(m.histogram("candor_http_request_duration_seconds", { route: "/", status: "304" })?.count).toBe(1);
    expect(
      m.histogram("candor_http_request_duration_seconds", { route: "/api/v1/incidents", status: "401" }),
    ).toMatchObject({
      count: 1,
    });
    // Only series that saw a request: the front's other routes and statuses stay out.
    expect(m.histogram("candor_http_request_duration_seconds", { route: "other", status: "200" })).toBeUndefined();
  });

  it("Should keep counting across scrapes, and add the families a scrape brings", async () => {
    const metrics = processMetrics();
    metrics.cacheResult("hit");
    await metrics.scrape([]);
    metrics.cacheResult("hit");
    const m = parseMetrics(
      await metrics.scrape([
        { name: "candor_test_up", help: "A test gauge.", type: "gauge", values: [{ labels: {}, value: 1 }] },
      ]),
    );
    expect(m.value("candor_page_cache_total", { result: "hit" })).toBe(2);
    expect(m.type("candor_test_up")).toBe("GAUGE");
    expect(m.value("candor_test_up")).toBe(1);
    // The usual process metrics come too.
    expect(m.type("process_cpu_user_seconds_total")).toBe("COUNTER");
    expect(m.type("nodejs_eventloop_lag_seconds")).toBe("GAUGE");
    expect(metrics.contentType).toBe("text/plain; version=0.0.4; charset=utf-8");
  });
});
