// GET /metrics through the app, on both databases: what a Prometheus scrape
// reads (parsed with a parser of the text format), who may read it, and that
// a database failure costs the scrape its database counts, never its answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogChannel } from "../../src/channels/log.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { recordChannelError, recordChannelSuccess } from "../../src/delivery/health.ts";
import { adminToken, startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds, sqlOf } from "../support/db.ts";
import { type Answer, readAnswer } from "../support/http.ts";
import { parseMetrics } from "../support/prometheus.ts";
import { minutes, seconds } from "../support/time.ts";

const metricsToken = "metrics-token-0123456789";

async function scrape(t: TestApp, token: string | null = metricsToken): Promise<Answer> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return readAnswer(await t.app.request("/metrics", { headers }));
}

async function scraped(t: TestApp) {
  const res = await scrape(t);
  expect(res.status, res.text).toBe(200);
  return parseMetrics(res.text);
}

describe.each(databaseKinds)("GET /metrics on %s", (kind) => {
  let t: TestApp;
  let engine: Engine;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: { METRICS_TOKEN: metricsToken },
      channels: [createLogChannel({ append: () => {} })],
      metrics: true,
    });
    engine = t.engine as Engine;
  });
  afterAll(() => t.close());

  it("Should answer Prometheus's text format with every metric, typed, and nothing cacheable", async () => {
    const res = await scrape(t);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("etag")).toBeNull();
    const m = parseMetrics(res.text);
    expect(
      Object.fromEntries(
        [
          "candor_promise_lateness_seconds",
          "candor_promises_total",
          "candor_outbox_rows",
          "candor_outbox_oldest_pending_seconds",
          "candor_deliveries_total",
          "candor_channel_healthy",
          "candor_page_cache_total",
          "candor_http_request_duration_seconds",
          "candor_incidents_open",
          "candor_metrics_database_up",
          "process_cpu_user_seconds_total",
          "nodejs_heap_size_used_bytes",
        ].map((name) => [name, m.type(name)]),
      ),
    ).toEqual({
      candor_promise_lateness_seconds: "HISTOGRAM",
      candor_promises_total: "COUNTER",
      candor_outbox_rows: "GAUGE",
      candor_outbox_oldest_pending_seconds: "GAUGE",
      candor_deliveries_total: "COUNTER",
      candor_channel_healthy: "GAUGE",
      candor_page_cache_total: "COUNTER",
      candor_http_request_duration_seconds: "HISTOGRAM",
      candor_incidents_open: "GAUGE",
      candor_metrics_database_up: "GAUGE",
      process_cpu_user_seconds_total: "COUNTER",
      nodejs_heap_size_used_bytes: "GAUGE",
    });
    expect(m.value("candor_metrics_database_up")).toBe(1);
    expect(m.samples("candor_promises_total").map((s) => s.labels)).toEqual([
      { kept_by: "engineer", outcome: "kept" },
      { kept_by: "engineer", outcome: "missed" },
      { kept_by: "machine", outcome: "kept" },
      { kept_by: "machine", outcome: "missed" },
    ]);
  });

  it("Should read the database's counts anew at each scrape: open incidents, the outbox, promises and their lateness", async () => {
    // From a calm start whatever ran before: nothing open, nothing pending.
    const open = await t.call("GET", "/api/v1/incidents?state=open&limit=100");
    for (const { id } of open.json.data as { id: string }[])
      await t.postUpdate(id, { status: "resolved", message: "Done." });
    await engine.drain();
    const before = await scraped(t);
    expect(before.value("candor_incidents_open")).toBe(0);
    expect(before.value("candor_outbox_rows", { channel: "log", state: "pending" })).toBe(0);
    const done = before.value("candor_outbox_rows", { channel: "log", state: "done" }) as number;
    const sent = before.value("candor_deliveries_total", { channel: "log", result: "delivered" }) ?? 0;
    const holding = before.histogram("candor_promise_lateness_seconds", { kind: "holding" });
    const late = before.value("candor_promises_total", { kept_by: "machine", outcome: "missed" }) as number;
    const kept = before.value("candor_promises_total", { kept_by: "engineer", outcome: "kept" }) as number;

    const { id } = await t.declare({ title: "Checkout errors" });
    t.clock.advance(seconds(90));
    const declared = await scraped(t);
    expect(declared.value("candor_incidents_open")).toBe(1);
    expect(declared.value("candor_outbox_rows", { channel: "log", state: "pending" })).toBe(1);
    expect(declared.value("candor_outbox_oldest_pending_seconds")).toBe(90);

    await engine.dispatchOnce();
    const delivered = await scraped(t);
    expect(delivered.value("candor_outbox_rows", { channel: "log", state: "pending" })).toBe(0);
    expect(delivered.value("candor_outbox_rows", { channel: "log", state: "done" })).toBe(done + 1);
    expect(delivered.value("candor_outbox_oldest_pending_seconds")).toBe(0);
    // Counted in memory by this process, from the engine's events.
    expect(delivered.value("candor_deliveries_total", { channel: "log", result: "delivered" })).toBe(sent + 1);

    // The next update was promised in 30 minutes; the machine posts it two minutes late, then an engineer follows at once.
    t.clock.advance(minutes(30) + seconds(30));
    expect(await engine.tick()).toBe(1);
    await t.postUpdate(id, { status: "identified", message: "A bad deploy; rolling back." });
    const after = await scraped(t);
    const lateness = after.histogram("candor_promise_lateness_seconds", { kind: "holding" });
    expect(lateness?.count).toBe((holding?.count ?? 0) + 1);
    expect(lateness?.sum).toBe((holding?.sum ?? 0) + 120);
    expect(lateness?.buckets["60"]).toBe(holding?.buckets["60"]);
    expect(lateness?.buckets["120"]).toBe((holding?.buckets["120"] ?? 0) + 1);
    expect(after.value("candor_promises_total", { kept_by: "machine", outcome: "missed" })).toBe(late + 1);
    expect(after.value("candor_promises_total", { kept_by: "engineer", outcome: "kept" })).toBe(kept + 1);

    await t.postUpdate(id, { status: "resolved", message: "Fixed." });
    expect((await scraped(t)).value("candor_incidents_open")).toBe(0);
  });

  it("Should say when a channel is unhealthy, by its name only, and when it has recovered", async () => {
    await recordChannelError(t.db, "log", "connect ECONNREFUSED 10.0.0.7:25", true, t.clock.read());
    expect((await scraped(t)).samples("candor_channel_healthy")).toEqual([{ labels: { channel: "log" }, value: 0 }]);
    await recordChannelSuccess(t.db, "log", t.clock.read());
    expect((await scraped(t)).samples("candor_channel_healthy")).toEqual([{ labels: { channel: "log" }, value: 1 }]);
  });

  it("Should count the public cache's answers and time each request by its route pattern", async () => {
    const { id } = await t.declare({ title: "Slow pages" });
    const before = await scraped(t);
    const hits = before.value("candor_page_cache_total", { result: "hit" }) as number;
    const misses = before.value("candor_page_cache_total", { result: "miss" }) as number;
    const page = before.histogram("candor_http_request_duration_seconds", { route: "/incidents/:id", status: "200" });
    for (let i = 0; i < 3; i++) expect((await t.app.request(`/incidents/${id}`)).status).toBe(200);
    expect((await t.app.request("/no/such/page")).status).toBe(404);
    const m = await scraped(t);
    expect(m.value("candor_page_cache_total", { result: "miss" })).toBe(misses + 1);
    expect(m.value("candor_page_cache_total", { result: "hit" })).toBe(hits + 2);
    const timed = m.histogram("candor_http_request_duration_seconds", { route: "/incidents/:id", status: "200" });
    expect(timed?.count).toBe((page?.count ?? 0) + 3);
    expect(timed?.buckets["+Inf"]).toBe(timed?.count);
    expect(m.histogram("candor_http_request_duration_seconds", { route: "other", status: "404" })?.count).toBe(1);
    // The scrapes themselves, under their own route.
    expect(
      m.histogram("candor_http_request_duration_seconds", { route: "/metrics", status: "200" })?.count,
    ).toBeGreaterThan(0);
    const routes = new Set(m.samples("candor_http_request_duration_seconds_count").map((s) => s.labels.route));
    expect([...routes].filter((r) => r.includes(id))).toEqual([]);
  });

  it("Should name no subscriber, secret or webhook address", async () => {
    const email = await t.call("POST", "/api/v1/subscribers", { type: "email", email: "reader@example.com" });
    expect(email.status, email.text).toBe(201);
    const hook = await t.call("POST", "/api/v1/subscribers", { type: "webhook", url: "http://localhost:9/hook-path" });
    expect(hook.status, hook.text).toBe(201);
    const text = (await scrape(t)).text;
    for (const secret of ["reader@example.com", "hook-path", hook.json.secret, metricsToken, adminToken, "10.0.0.7"]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe.each(databaseKinds)("who may read GET /metrics on %s", (kind) => {
  let t: TestApp;
  const keyWith = async (scopes: string[]) => {
    const res = await t.call("POST", "/api/v1/api-keys", { name: `metrics ${scopes.join(" ")}`, scopes });
    expect(res.status, res.text).toBe(201);
    return res.json.key as string;
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { METRICS_TOKEN: metricsToken }, metrics: true });
  });
  afterAll(() => t.close());

  it("Should answer 401 in the one error shape without a token or with a wrong one", async () => {
    for (const token of [null, "wrong-token-0123456789", `${metricsToken}x`, metricsToken.slice(0, -1)]) {
      const res = await scrape(t, token);
      expect(res.status, String(token)).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="candor"');
      expect(res.json).toEqual({
        error: { code: "UNAUTHORIZED", message: expect.any(String), requestId: expect.any(String) },
      });
    }
  });

  it("Should answer 403 to a key without metrics:read, and 200 to one with it, to admin and to METRICS_TOKEN", async () => {
    const reader = await keyWith(["incidents:write", "components:write", "subscribers:read"]);
    const denied = await scrape(t, reader);
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({
      error: { code: "FORBIDDEN", message: "this key lacks the metrics:read scope", requestId: expect.any(String) },
    });
    for (const token of [await keyWith(["metrics:read"]), adminToken, metricsToken]) {
      const res = await scrape(t, token);
      expect(res.status, res.text).toBe(200);
      expect(parseMetrics(res.text).value("candor_metrics_database_up")).toBe(1);
    }
  });

  it("Should take keys only when METRICS_TOKEN is not set", async () => {
    const bare = await startTestApp(kind, { metrics: true });
    try {
      expect((await scrape(bare, metricsToken)).status).toBe(401);
      expect((await scrape(bare, adminToken)).status).toBe(200);
    } finally {
      await bare.close();
    }
  });
});

describe.each(databaseKinds)("GET /metrics when the database fails on %s", (kind) => {
  it("Should still answer 200 with the in-memory metrics and candor_metrics_database_up 0", async () => {
    const t = await startTestApp(kind, { env: { METRICS_TOKEN: metricsToken }, metrics: true });
    expect((await t.app.request("/")).status).toBe(200);
    await t.close();
    const res = await scrape(t);
    expect(res.status, res.text).toBe(200);
    const m = parseMetrics(res.text);
    expect(m.value("candor_metrics_database_up")).toBe(0);
    expect(m.value("candor_page_cache_total", { result: "miss" })).toBe(1);
    expect(m.type("candor_http_request_duration_seconds")).toBe("HISTOGRAM");
    for (const name of [
      "candor_incidents_open",
      "candor_outbox_rows",
      "candor_promises_total",
      "candor_channel_healthy",
    ]) {
      expect(m.type(name), name).toBeUndefined();
    }
  });

  it("Should give a database that does not answer two seconds, then answer without it", async () => {
    const t = await startTestApp(kind, { env: { METRICS_TOKEN: metricsToken }, metrics: true });
    // Another session holds the outbox (Postgres) or the whole database (PGlite runs one thing at a time).
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding: Promise<unknown>;
    if (t.database.pglite) {
      holding = t.database.pglite.transaction(() => held);
    } else {
      const session = await sqlOf(t.database).reserve();
      await session`begin`;
      await session`lock table outbox in access exclusive mode`;
      holding = held.then(async () => {
        await session`rollback`;
        session.release();
      });
    }
    try {
      const started = performance.now();
      const res = await scrape(t);
      const waited = performance.now() - started;
      expect(res.status, res.text).toBe(200);
      expect(parseMetrics(res.text).value("candor_metrics_database_up")).toBe(0);
      expect(waited).toBeGreaterThanOrEqual(1900);
      expect(waited).toBeLessThan(4000);
    } finally {
      release();
      await holding;
      await t.close();
    }
  });
});
