// The public forms' rate limit, counted in the database so that every process
// (and every Workers isolate) shares it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { rateLimits } from "../../src/db/schema/index.ts";
import { takeRateLimit } from "../../src/services/rate-limits.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { minutes } from "../support/time.ts";

const rule = { limit: 3, windowMs: minutes(10) };

describe.each(databaseKinds)("shared rate limits on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(kind, { env: { TRUST_PROXY: "on" } });
  });
  afterEach(() => t.close());

  it("Should allow the limit in a window, refuse the rest with the time left, and open a new window after", async () => {
    const start = t.clock.read();
    const take = () => takeRateLimit(t.db, "subscribe:203.0.113.7", t.clock.read(), rule);
    for (let i = 0; i < 3; i++) expect(await take()).toEqual({ allowed: true, retryAfterSeconds: 0 });
    t.clock.advance(minutes(4));
    expect(await take()).toEqual({ allowed: false, retryAfterSeconds: 360 });
    expect((await takeRateLimit(t.db, "subscribe:203.0.113.8", t.clock.read(), rule)).allowed).toBe(true);
    t.clock.now = new Date(start.getTime() + minutes(10));
    expect(await take()).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it("Should keep only a hash of the key, and sweep windows that ended", async () => {
    await takeRateLimit(t.db, "subscribe:203.0.113.7", t.clock.read(), rule);
    const [row] = await t.db.select().from(rateLimits);
    expect(row.key).toMatch(/^[0-9a-f]{64}$/);
    expect(row.key).not.toContain("203.0.113.7");
    t.clock.advance(minutes(11));
    await takeRateLimit(t.db, "subscribe:198.51.100.1", t.clock.read(), rule);
    expect(await t.db.select().from(rateLimits)).toHaveLength(1);
  });

  it("Should count POST /subscribe across two app instances on one database", async () => {
    // A second app over the same database: another process, or another Workers isolate.
    const other = createApp({ db: t.db, config: t.config, clock: t.clock.read, publicCache: { versionTtlMs: 0 } });
    const subscribe = (app: { request: typeof other.request }, i: number) =>
      app.request("/subscribe", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9" },
        body: JSON.stringify({ email: `shared${i}@example.org` }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await subscribe(i % 2 ? other : t.app, i)).status);
    expect(statuses).toEqual(Array(10).fill(202));
    const refused = await subscribe(other, 10);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("600");
    expect((await subscribe(t.app, 11)).status).toBe(429);
  });
});
