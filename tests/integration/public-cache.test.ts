// The public response cache over a real database (the data version comes from
// page_version, bumped by triggers): rendered once per change, shared by
// concurrent misses, re-rendered each minute, compressed once, ETag and 304,
// and writes through the app seen at once.
import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppEnv, PublicCacheOptions } from "../../src/app-env.ts";
import { loadConfig } from "../../src/config.ts";
import { pageVersion, subscribers } from "../../src/db/schema/index.ts";
import { acceptedEncodings, publicCache } from "../../src/middleware/public-cache/index.ts";
import { adminToken, FakeClock, startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds, openTestDatabase, type TestDb } from "../support/db.ts";
import { frontHit } from "../support/front-hit.ts";
import { deferred, waitUntil } from "../support/wait.ts";

const page = (n: number) => `<!doctype html><title>Status</title><p>render ${n}</p>${"<p>all good</p>".repeat(200)}`;

describe("acceptedEncodings", () => {
  it("Should take the encodings with a q above 0, whatever the spacing and case", () => {
    expect([...acceptedEncodings("gzip, deflate, BR;q=0.5")]).toEqual(["gzip", "deflate", "br"]);
    expect([...acceptedEncodings("br;q=0, gzip ;q=1")]).toEqual(["gzip"]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
    expect([...acceptedEncodings("*")]).toEqual(["*"]);
  });
});

describe.each(databaseKinds)("the public cache on %s", (kind) => {
  let database: TestDb;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  /** A tiny app with the cache in front of counting handlers. */
  function harness(options: PublicCacheOptions = { versionTtlMs: 0 }) {
    const clock = new FakeClock();
    const renders = new Map<string, number>();
    const count = (path: string) => {
      const n = (renders.get(path) ?? 0) + 1;
      renders.set(path, n);
      return n;
    };
    const cache = publicCache(options);
    const app = new Hono<AppEnv>();
    const config = loadConfig({ PUBLIC_URL: "http://status.test" });
    app.use(async (c, next) => {
      c.set("deps", { db: database.db, config, clock: clock.read });
      await next();
    });
    app.use(cache.middleware);
    // A render of "/" can be held mid-way, so a test knows one is under way without guessing how long it takes.
    let held: { started: () => void; gate: Promise<void> } | undefined;
    app.get("/", async (c) => {
      const n = count("/");
      if (held) {
        held.started();
        await held.gate;
      }
      return c.html(page(n));
    });
    /** Holds the next renders of "/" until `release()`; `started` resolves once one has begun. */
    function holdRenders() {
      const started = deferred();
      const gate = deferred();
      held = { started: started.resolve, gate: gate.promise };
      return {
        started: started.promise,
        release: () => {
          held = undefined;
          gate.resolve();
        },
      };
    }
    app.get("/api/v2/status.json", (c) => {
      c.header("access-control-allow-origin", "*");
      return c.json({ render: count("json") });
    });
    app.get("/incidents/:id", (c) => {
      count(c.req.path);
      return c.req.param("id") === "gone" ? c.html("<p>No such incident.</p>", 404) : c.html(page(0));
    });
    app.get("/docs", (c) => c.text(String(count("/docs"))));
    app.post("/api/v1/anything", (c) => c.json({ ok: true }, 201));
    return { app, clock, renders, cache, holdRenders };
  }

  // A statement-level trigger: even an update of no row counts as a change.
  const bumpVersion = () => database.db.execute(sql`update components set updated_at = now() where false`);

  it("Should render a page once for any number of requests, sharing one render among concurrent misses", async () => {
    const { app, renders, holdRenders } = harness();
    const hold = holdRenders();
    const requests = Array.from({ length: 50 }, () => app.request("/"));
    await hold.started;
    hold.release();
    const all = await Promise.all(requests);
    const bodies = await Promise.all(all.map((r) => r.text()));
    expect(renders.get("/")).toBe(1);
    expect(new Set(bodies).size).toBe(1);
    for (const res of all) {
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe(
        "public, max-age=10, stale-while-revalidate=60, stale-if-error=86400",
      );
      expect(res.headers.get("etag")).toMatch(/^W\/"[0-9a-f]{24}"$/);
      expect(res.headers.get("vary")).toBe("Accept-Encoding");
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    }
    await app.request("/");
    expect(renders.get("/")).toBe(1);
  });

  it("Should render again after any change to what the pages show, and after the minute turns", async () => {
    const { app, renders, clock } = harness();
    const first = await (await app.request("/")).text();
    await bumpVersion();
    const second = await (await app.request("/")).text();
    expect(renders.get("/")).toBe(2);
    expect(second).not.toBe(first);
    await app.request("/");
    expect(renders.get("/")).toBe(2);
    clock.advance(60_000);
    await app.request("/");
    expect(renders.get("/")).toBe(3);
  });

  it("Should answer If-None-Match with 304 and no body, and HEAD with the headers alone", async () => {
    const { app } = harness();
    const res = await app.request("/");
    const etag = res.headers.get("etag") as string;
    const again = await app.request("/", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    const other = await app.request("/", { headers: { "if-none-match": 'W/"something-else"' } });
    expect(other.status).toBe(200);
    const head = await app.request("/", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(Number(head.headers.get("content-length"))).toBe(new TextEncoder().encode(await res.text()).byteLength);
  });

  it("Should compress once per encoding the client accepts: brotli before gzip, identity otherwise", async () => {
    let brCalls = 0;
    const { app } = harness({
      versionTtlMs: 0,
      compressors: {
        br: async (bytes) => {
          brCalls++;
          return bytes.subarray(0, 100);
        },
      },
    });
    const plain = await (await app.request("/")).text();
    const gz = await app.request("/", { headers: { "accept-encoding": "gzip, deflate" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    const packed = new Uint8Array(await gz.arrayBuffer());
    expect(gunzipSync(packed).toString("utf8")).toBe(plain);
    expect(Number(gz.headers.get("content-length"))).toBe(packed.byteLength);
    const br = await app.request("/", { headers: { "accept-encoding": "gzip, br" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    const refused = await app.request("/", { headers: { "accept-encoding": "br;q=0, gzip" } });
    expect(refused.headers.get("content-encoding")).toBe("gzip");
    expect(brCalls).toBe(1);
  });

  it("Should keep the handler's own headers (CORS on the JSON), and not compress small bodies", async () => {
    const { app, renders } = harness();
    const res = await app.request("/api/v2/status.json", { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(await res.json()).toEqual({ render: 1 });
    await app.request("/api/v2/status.json");
    expect(renders.get("json")).toBe(1);
  });

  it("Should pass anything but a 200, and paths it does not cache, through uncached", async () => {
    const { app, renders } = harness();
    for (let i = 0; i < 3; i++) {
      expect((await app.request("/incidents/gone")).status).toBe(404);
      await app.request("/docs");
    }
    expect(renders.get("/incidents/gone")).toBe(3);
    expect(renders.get("/docs")).toBe(3);
  });

  it("Should trust a version read for its TTL, then refresh it behind the requests, and see a write through the app at once", async () => {
    let now = 0;
    const { app, renders } = harness({ versionTtlMs: 1000, monotonic: () => now });
    await app.request("/");
    await bumpVersion(); // another process, as far as this cache knows
    await app.request("/");
    expect(renders.get("/")).toBe(1);
    now += 1001;
    // The old version answers at once while it is read again in the background.
    await app.request("/");
    expect(renders.get("/")).toBe(1);
    await waitUntil("the refreshed version to bring a render", 5_000, async () => {
      await app.request("/");
      return renders.get("/") === 2;
    });
    await bumpVersion();
    expect((await app.request("/api/v1/anything", { method: "POST" })).status).toBe(201);
    await app.request("/");
    expect(renders.get("/")).toBe(3);
  });

  it("Should let the front thread answer a fresh hit without the app, and nothing stale, uncached or not a GET", async () => {
    let now = 0;
    const { app, renders, cache, clock } = harness({ versionTtlMs: 1000, monotonic: () => now });
    const at = () => clock.read().getTime();
    const req = { acceptEncoding: "gzip" };
    expect(frontHit(cache, "/", req, at())).toBeNull();
    const rendered = await app.request("/", { headers: { "accept-encoding": "gzip" } });
    const hit = frontHit(cache, "/", req, at());
    expect(hit?.status).toBe(200);
    expect(hit?.headers).toMatchObject({
      "content-encoding": "gzip",
      etag: rendered.headers.get("etag"),
      "x-request-id": "front",
    });
    expect(Buffer.from(hit?.body as Uint8Array)).toEqual(Buffer.from(await rendered.arrayBuffer()));
    const etag = rendered.headers.get("etag") ?? "";
    expect(frontHit(cache, "/", { ...req, ifNoneMatch: etag }, at())?.status).toBe(304);
    expect(frontHit(cache, "/", { ...req, ifNoneMatch: etag }, at())?.body).toBeNull();
    expect(frontHit(cache, "/", { ...req, method: "HEAD" }, at())?.body).toBeNull();
    expect(frontHit(cache, "/", { ...req, method: "HEAD" }, at())?.headers["content-length"]).toBe(
      rendered.headers.get("content-length"),
    );
    expect(frontHit(cache, "/", { ...req, method: "POST" }, at())).toBeNull();
    expect(frontHit(cache, "/docs", req, at())).toBeNull();
    expect(frontHit(cache, "/", req, at() + 60_000)).toBeNull();
    // An old version read still answers (it is read again in the background)...
    now += 1001;
    expect(frontHit(cache, "/", req, at())?.status).toBe(200);
    // ...but a write through this process makes the app look first.
    cache.invalidate();
    expect(frontHit(cache, "/", req, at())).toBeNull();
    expect(renders.get("/")).toBe(1);
  });

  it("Should serve the previous render, through the app and the front thread, while a new one is made", async () => {
    const now = 0;
    const { app, renders, cache, clock, holdRenders } = harness({ versionTtlMs: 1000, monotonic: () => now });
    const first = await (await app.request("/")).text();
    await bumpVersion();
    cache.invalidate();
    const hold = holdRenders();
    const fresh = app.request("/"); // notices the change and renders, held until released
    await hold.started;
    const meanwhile = await app.request("/");
    expect(await meanwhile.text()).toBe(first);
    expect(new TextDecoder().decode(frontHit(cache, "/", {}, clock.read().getTime())?.body as Uint8Array)).toBe(first);
    hold.release();
    expect(await (await fresh).text()).not.toBe(first);
    expect(renders.get("/")).toBe(2);
  });

  it("Should hold at most maxEntries URLs, dropping the oldest", async () => {
    const { app, renders } = harness({ versionTtlMs: 0, maxEntries: 2 });
    for (const id of ["a", "b", "c", "a"]) await app.request(`/incidents/${id}`);
    expect(renders.get("/incidents/a")).toBe(2);
    await app.request("/incidents/c");
    expect(renders.get("/incidents/c")).toBe(1);
  });
});

describe.each(databaseKinds)("the cached pages of the app on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it("Should show a declared incident on the next request, with a new ETag", async () => {
    const before = await t.app.request("/");
    const etag = before.headers.get("etag") as string;
    expect((await t.app.request("/", { headers: { "if-none-match": etag } })).status).toBe(304);
    await t.declare({ title: "Checkout is failing" });
    const after = await t.app.request("/", { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain("Checkout is failing");
    expect(after.headers.get("etag")).not.toBe(etag);
  });

  it("Should bump the data version with every write the pages show, and not with others", async () => {
    const version = async () => (await t.db.select().from(pageVersion))[0].version;
    const start = await version();
    const incident = await t.declare({ title: "Slow logins" });
    const afterDeclare = await version();
    expect(afterDeclare).toBeGreaterThan(start);
    const res = await t.app.request("/api/v1/components", {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ slug: "api", name: "API" }),
    });
    expect(res.status, await res.text()).toBe(201);
    const afterComponent = await version();
    expect(afterComponent).toBeGreaterThan(afterDeclare);
    await t.db.insert(subscribers).values({
      id: "sub_cache1",
      type: "email",
      email: "x@example.org",
      state: "active",
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    expect(await version()).toBe(afterComponent);
    await t.postUpdate(incident.id, { status: "resolved", message: "Fixed." });
    expect(await version()).toBeGreaterThan(afterComponent);
  });
});
