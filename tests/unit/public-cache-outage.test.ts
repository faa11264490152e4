// The public cache while the database is down, without a database: the data
// version read behind the requests, the stale notice in the banner, and the
// last render served (through the app and the Node fast path) until a probe
// finds the database again.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../src/app-env.ts";
import { loadConfig } from "../../src/config.ts";
import { databaseHealth } from "../../src/db/health.ts";
import type { CacheResult } from "../../src/lib/metrics/process-metrics.ts";
import { onError } from "../../src/middleware/errors.ts";
import { publicCache } from "../../src/middleware/public-cache/index.ts";
import { cachedRoutes } from "../../src/middleware/public-cache/paths.ts";
import { staleNotice, withStaleNotice } from "../../src/middleware/public-cache/stale.ts";
import { versionReader } from "../../src/middleware/public-cache/version.ts";
import { frontHit } from "../support/front-hit.ts";
import { coded, fakeDb, manualTimers, settle } from "../support/outage.ts";
import { FakeClock } from "../support/time.ts";
import { deferred } from "../support/wait.ts";

describe("versionReader", () => {
  it("Should serve the last version at once when its read is old, and read it again behind the request", async () => {
    let now = 0;
    const db = { version: 1, reads: 0 } as { version: number; reads: number; gate?: Promise<void> };
    const versions = versionReader(1000, () => now);
    expect(await versions.current(fakeDb(db))).toBe(1);
    db.version = 2;
    now = 1500;
    const gate = deferred();
    db.gate = gate.promise;
    // The database is slow now: the request does not wait for it.
    expect(await versions.current(fakeDb(db))).toBe(1);
    expect(versions.peek()).toBe(1);
    expect(db.reads).toBe(2);
    gate.resolve();
    await db.gate;
    await Promise.resolve();
    expect(versions.peek()).toBe(2);
  });

  it("Should make a request wait for a read after a write here, and report a failed background read", async () => {
    let now = 0;
    const failures: unknown[] = [];
    const db = { version: 1, reads: 0 } as { version: number; reads: number; error?: Error };
    const versions = versionReader(
      1000,
      () => now,
      (err) => failures.push(err),
    );
    await versions.current(fakeDb(db));
    versions.stale();
    expect(versions.peek()).toBeNull();
    db.version = 3;
    expect(await versions.current(fakeDb(db))).toBe(3);
    now = 2000;
    db.error = coded("ECONNREFUSED");
    expect(await versions.current(fakeDb(db))).toBe(3);
    await new Promise((r) => setTimeout(r, 0));
    expect(failures).toHaveLength(1);
  });
});

describe("the stale notice", () => {
  it("Should name the render's time in UTC hours and minutes", () => {
    expect(staleNotice(Date.UTC(2026, 11, 2, 14, 2, 59))).toBe("This page could not be refreshed since 14:02 UTC");
    expect(staleNotice(Date.UTC(2026, 11, 2, 3, 7))).toBe("This page could not be refreshed since 03:07 UTC");
  });

  it("Should go inside the banner card, else at the top of main, and leave anything not HTML alone", () => {
    const at = Date.UTC(2026, 11, 2, 14, 2);
    const enc = (s: string) => new TextEncoder().encode(s);
    const dec = (b: Uint8Array | null) => (b ? new TextDecoder().decode(b) : null);
    const banner = dec(
      withStaleNotice(enc('<main id="main"><section class="card banner ok" x><h2>All good</h2>'), "text/html", at),
    );
    expect(banner).toMatch(
      /^<main id="main"><section class="card banner ok" x><p class="stale" role="status"><strong>This page could not be refreshed since 14:02 UTC<\/strong>.*<\/p><h2>All good<\/h2>$/,
    );
    const main = dec(withStaleNotice(enc('<body><main id="main"><h1>History</h1>'), "text/html; charset=UTF-8", at));
    expect(main).toMatch(/^<body><main id="main"><p class="stale".*<h1>History<\/h1>$/);
    expect(withStaleNotice(enc('{"page":{}}'), "application/json", at)).toBeNull();
  });
});

describe("the public cache while the database is down", () => {
  /** A cache in front of a page, a JSON endpoint and a page that was never rendered, over a fake database. */
  function harness() {
    const clock = new FakeClock("2026-12-02T14:02:10Z");
    const timers = manualTimers();
    const db = { version: 1, reads: 0 } as { version: number; reads: number; error?: Error };
    const health = databaseHealth({
      probe: async () => {
        if (db.error) throw db.error;
      },
      clock: clock.read,
      schedule: timers.schedule,
    });
    const results: CacheResult[] = [];
    const cache = publicCache({
      versionTtlMs: 1000,
      monotonic: () => clock.read().getTime(),
      health,
      count: (result) => results.push(result),
    });
    const app = new Hono<AppEnv>();
    const config = loadConfig({ PUBLIC_URL: "http://status.test" });
    let renders = 0;
    app.use(async (c, next) => {
      c.set("deps", { db: fakeDb(db), config, clock: clock.read, dbHealth: health });
      await next();
    });
    app.use(cache.middleware);
    const render = () => {
      if (db.error) throw new Error("Failed query", { cause: db.error });
      return ++renders;
    };
    app.get("/", (c) =>
      c.html(
        `<main id="main"><section class="card banner ok"><h2>render ${render()}</h2></section>${"<p>x</p>".repeat(300)}`,
      ),
    );
    app.get("/api/v2/summary.json", (c) => c.json({ page: { updated_at: "2026-12-02T14:00:00Z" }, n: render() }));
    app.get("/history", (c) => c.html(`<main>${render()}</main>`));
    app.onError(onError);
    return { app, cache, clock, timers, db, health, results };
  }

  it("Should serve the last render with the notice in its banner, and the JSON unchanged, without asking the database", async () => {
    const { app, clock, db, health } = harness();
    await app.request("/");
    const json = await (await app.request("/api/v2/summary.json")).json();
    clock.advance(90_000); // a new minute: a fresh render would be due
    db.error = coded("ECONNREFUSED");
    health.markDown();
    const readsBefore = db.reads;
    const page = await app.request("/", { headers: { "accept-encoding": "gzip" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-encoding")).toBe("gzip");
    const html = await (await app.request("/")).text();
    expect(html).toContain("This page could not be refreshed since 14:02 UTC");
    expect(html).toContain("render 1");
    expect(page.headers.get("cache-control")).toContain("stale-if-error");
    expect(await (await app.request("/api/v2/summary.json")).json()).toEqual(json);
    expect(db.reads).toBe(readsBefore);
  });

  it("Should serve the previous render when a render fails on the database, and a 503 in the usual shape when there is none", async () => {
    const { app, clock, db, health } = harness();
    await app.request("/");
    clock.advance(60_000);
    db.error = coded("CONNECTION_CLOSED");
    const page = await app.request("/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("This page could not be refreshed since 14:02 UTC");
    await settle();
    expect(health.isDown()).toBe(true);
    const none = await app.request("/history");
    expect(none.status).toBe(503);
    expect(none.headers.get("retry-after")).toBe("2");
    expect((await none.json()).error.code).toBe("DATABASE_UNAVAILABLE");
  });

  it("Should let the front thread answer with the stale copy once it is built, and fresh pages once the probe finds the database", async () => {
    const { app, cache, clock, timers, db, health } = harness();
    await app.request("/");
    db.error = coded("ECONNREFUSED");
    health.markDown();
    await app.request("/"); // builds the stale copy
    const hit = frontHit(cache, "/", {}, clock.read().getTime());
    expect(new TextDecoder().decode(hit?.body as Uint8Array)).toContain("could not be refreshed since 14:02 UTC");
    clock.advance(60_000);
    db.error = undefined;
    db.version = 2;
    await timers.fire();
    expect(health.isDown()).toBe(false);
    const fresh = await (await app.request("/")).text();
    expect(fresh).toContain("render 2");
    expect(fresh).not.toContain("could not be refreshed");
  });

  it("Should count each read: a miss renders, a hit does not, stale while down, stale_on_error when a read fails", async () => {
    const { app, cache, clock, db, results } = harness();
    await app.request("/");
    await app.request("/");
    await app.request("/?from=mail");
    clock.advance(60_000);
    db.error = coded("CONNECTION_CLOSED");
    await app.request("/");
    await settle();
    await app.request("/");
    expect(results).toEqual(["miss", "hit", "miss", "stale_on_error", "stale"]);
    // The front thread serves the stale copy too, and counts it as such.
    const row = cache.servingTable(clock.read().getTime()).rows.find(([key]) => key === "/");
    expect(row?.[1]).toMatchObject({ route: cachedRoutes.indexOf("/"), stale: true });
  });
});
