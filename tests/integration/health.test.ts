import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

  it("Should be ready with the database reachable and migrations current", async () => {
    const res = await t.call("GET", "/readyz", undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "current" },
      details: { deliveries: { pending: 0, dead: 0 } },
    });
  });
});
