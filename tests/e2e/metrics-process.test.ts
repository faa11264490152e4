// GET /metrics on the real process (the bundle, as npm start runs it): the
// page's cache hits are answered in the front thread (ADR 0015), which never
// reaches the app; its counts must still show up in the main thread's scrape.
import { request } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { api, killAll, removeDir, startCandor, tempDir } from "../support/candor-process.ts";
import { nodeEntry } from "../support/log-file.ts";
import { freePort } from "../support/postgres-server.ts";
import { parseMetrics } from "../support/prometheus.ts";
import { waitFor } from "../support/wait.ts";

afterAll(killAll);

const metricsToken = "e2e-metrics-token-0123456789";
const adminToken = "e2e-metrics-admin-token-0123456789";

/** One request over node:http (fetch would add its own headers); resolves with the status and ETag. */
function get(baseUrl: string, path: string, method = "GET", headers: Record<string, string> = {}) {
  return new Promise<{ status: number; etag: string | undefined }>((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function scrape(baseUrl: string) {
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parseMetrics(await res.text());
}

describe("GET /metrics on the Node entry", () => {
  it("Should count the front thread's hits in candor_page_cache_total and the request durations", async () => {
    const dir = tempDir("candor-e2e-metrics-");
    try {
      const c = await startCandor(
        {
          PORT: String(await freePort()),
          HOST: "127.0.0.1",
          DATA_DIR: dir,
          METRICS_TOKEN: metricsToken,
          CANDOR_ADMIN_TOKEN: adminToken,
        },
        nodeEntry,
      );
      const unauthorized = await fetch(`${c.baseUrl}/metrics`);
      expect(unauthorized.status).toBe(401);
      await unauthorized.text();

      // The first read renders; once the front holds the render, reads are hits it answers itself.
      const { etag } = await get(c.baseUrl, "/");
      await waitFor("a hit counted", 10_000, async () => {
        await get(c.baseUrl, "/");
        return ((await scrape(c.baseUrl)).value("candor_page_cache_total", { result: "hit" }) ?? 0) > 0 || undefined;
      });

      const before = await scrape(c.baseUrl);
      const read = (m: typeof before, result: string) => m.value("candor_page_cache_total", { result }) ?? 0;
      const timed = (m: typeof before, status: string) =>
        m.histogram("candor_http_request_duration_seconds", { route: "/", status })?.count ?? 0;
      for (let i = 0; i < 20; i++)
        expect((await get(c.baseUrl, "/", "GET", { "accept-encoding": "br" })).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await get(c.baseUrl, "/", "HEAD")).status).toBe(200);
      for (let i = 0; i < 5; i++)
        expect((await get(c.baseUrl, "/", "GET", { "if-none-match": etag ?? "" })).status).toBe(304);
      const after = await scrape(c.baseUrl);

      // Every read is counted once, wherever it was answered: as a hit, or as a miss
      // when a new minute began meanwhile (the page is rendered again each minute).
      const hits = read(after, "hit") - read(before, "hit");
      const misses = read(after, "miss") - read(before, "miss");
      expect(hits + misses).toBe(30);
      expect(hits).toBeGreaterThanOrEqual(28);
      expect(timed(after, "200") - timed(before, "200")).toBe(25);
      expect(timed(after, "304") - timed(before, "304")).toBe(5);
      // The histogram is well formed: cumulative buckets, the last one holding every answer. (How fast the
      // answers are is for the benchmarks: a timed assertion here failed on a busy CI machine.)
      const answers = after.histogram("candor_http_request_duration_seconds", { route: "/", status: "304" });
      const counts = Object.entries(answers?.buckets ?? {})
        .sort(([a], [b]) => (a === "+Inf" ? 1 : b === "+Inf" ? -1 : Number(a) - Number(b)))
        .map(([, n]) => n);
      expect(counts.length).toBeGreaterThan(1);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(counts.at(-1)).toBe(answers?.count);
      expect(answers?.sum).toBeGreaterThan(0);

      // The rest of a scrape, on this process's embedded database.
      expect(after.value("candor_metrics_database_up")).toBe(1);
      expect(after.value("candor_incidents_open")).toBe(0);
      expect(after.type("candor_deliveries_total")).toBe("COUNTER");
      expect(after.value("process_resident_memory_bytes")).toBeGreaterThan(0);
      expect(
        after.histogram("candor_http_request_duration_seconds", { route: "/metrics", status: "200" })?.count,
      ).toBeGreaterThan(0);

      // The engine's events: a declared incident delivered on the log channel.
      const declared = await api(c.baseUrl, "POST", "/api/v1/incidents", {
        key: adminToken,
        body: { title: "Metrics check", message: "Counting deliveries." },
      });
      expect(declared.status, declared.text).toBe(201);
      await waitFor("the delivery counted", 10_000, async () => {
        const m = await scrape(c.baseUrl);
        return (m.value("candor_deliveries_total", { channel: "log", result: "delivered" }) ?? 0) >= 1 || undefined;
      });
    } finally {
      await killAll();
      removeDir(dir);
    }
  }, 120_000);
});
