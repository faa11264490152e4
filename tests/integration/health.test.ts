import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import type { EngineHealth } from "../../src/app-env.ts";
import { recordChannelError, recordChannelSuccess } from "../../src/delivery/health.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";

describe.each(databaseKinds)("health on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it("Should say the process is alive", async () => {
    const res = await t.call("GET", "/healthz", undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok" });
  });

  it("Should be ready with the database reachable and migrations current, with its latency and no unhealthy channel", async () => {
    const res = await t.call("GET", "/readyz", undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "current" },
      details: {
        database: { latency_ms: expect.any(Number) },
        deliveries: { pending: 0, dead: 0 },
        channels: { unhealthy: [] },
      },
    });
    expect(res.json.details.database.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("Should name a channel whose last failure broke it, and stay ready", async () => {
    await recordChannelError(t.db, "email", "connect ECONNREFUSED", true, t.clock.read());
    try {
      const res = await t.call("GET", "/readyz", undefined, { token: null });
      expect(res.status).toBe(200);
      expect(res.json.details.channels).toEqual({ unhealthy: ["email"] });
      expect(res.text).not.toContain("ECONNREFUSED");
    } finally {
      await recordChannelSuccess(t.db, "email", t.clock.read());
    }
  });

  it("Should report the engine's last pass, and answer 503 while the engine is stalled", async () => {
    const lastPassAt = new Date(t.clock.read().getTime() - 12_000);
    let state: EngineHealth["state"] = "running";
    const app = createApp({ db: t.db, config: t.config, clock: t.clock.read, engine: () => ({ state, lastPassAt }) });
    const running = await app.request("/readyz");
    expect(running.status).toBe(200);
    expect(await running.json()).toMatchObject({
      checks: { engine: "running" },
      details: { engine: { last_pass_at: lastPassAt.toISOString(), last_pass_age_seconds: 12 } },
    });
    state = "stalled";
    const stalled = await app.request("/readyz");
    expect(stalled.status).toBe(503);
    expect(await stalled.json()).toMatchObject({ status: "not_ready", checks: { database: "ok", engine: "stalled" } });
  });
});
