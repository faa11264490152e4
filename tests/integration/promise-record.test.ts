import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogChannel } from "../../src/channels/log.ts";
import { type Channel, ChannelError } from "../../src/channels/types.ts";
import { outbox } from "../../src/db/schema/index.ts";
import { createEngine, type Engine } from "../../src/delivery/engine.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { minutes } from "../support/time.ts";

describe.each(databaseKinds)("promise record, stats and deliveries API on %s", (kind) => {
  let t: TestApp;
  let engine: Engine;
  const log = createLogChannel();
  const broken: Channel = {
    name: "broken",
    async deliver() {
      throw new ChannelError("the far side refuses this for good", "permanent");
    },
  };
  // A fresh app per test: the stats count every promise on the page, so no
  // test may see another's incidents.
  beforeEach(async () => {
    t = await startTestApp(kind);
    engine = createEngine({
      db: t.db,
      config: t.config,
      clock: t.clock.read,
      channels: [log, broken],
      random: () => 0.5,
    });
  });
  afterEach(() => t.close());

  it("Should count every promise made, kept by engineers, kept by the machine and missed", async () => {
    const declared = await t.call("POST", "/api/v1/incidents", {
      title: "Checkout failing",
      message: "Payments fail.",
      eta: t.clock.in(minutes(10)),
      next_update_in: "PT5M",
    });
    const id = declared.json.data.id;

    t.clock.advance(minutes(5));
    expect(await engine.tick()).toBe(1); // holding, on time: the machine kept the promise

    t.clock.advance(minutes(2));
    await t.call("POST", `/api/v1/incidents/${id}/updates`, { message: "Found it." }); // before the holding's promise

    t.clock.advance(minutes(3));
    expect(await engine.tick()).toBe(1); // the ETA passes: eta_missed, on time

    t.clock.advance(minutes(10));
    const resolved = await t.call("POST", `/api/v1/incidents/${id}/updates`, { message: "Fixed.", status: "resolved" });
    const inc = resolved.json.incident;
    expect(inc.updates.map((u: { kind: string }) => u.kind)).toEqual([
      "resolved",
      "eta_missed",
      "manual",
      "holding",
      "manual",
    ]);
    expect(inc.updates.map((u: { promise_outcome: string | null }) => u.promise_outcome)).toEqual([
      null,
      "kept_by_engineer",
      "kept_by_machine",
      "kept_by_engineer",
      "kept_by_machine",
    ]);
    expect(inc.promises).toEqual({
      eta: { made: 1, met: 0, missed: 1, pending: 0 },
      next_update: { made: 4, kept_by_engineers: 2, kept_by_machine: 2, missed: 0, pending: 0 },
    });
    expect(inc.eta_revisions[0]).toMatchObject({ outcome: "missed", missed_by_seconds: 600 });

    const stats = await t.call("GET", "/api/v1/stats/promises");
    expect(stats.status).toBe(200);
    expect(stats.json.data).toMatchObject({
      incidents: 1,
      eta: { settled: 1, met: 0, missed: 1, met_share: 0, median_overrun_seconds: 600 },
      next_update: { settled: 4, kept_by_engineers_share: 0.5, kept_by_machine_share: 0.5, missed_share: 0 },
    });
  });

  it("Should list dead deliveries, count them in /readyz, and retry them once", async () => {
    await t.declare({ title: "Webhooks delayed", next_update_in: "PT5M" });
    t.clock.advance(minutes(5));
    // The holding update goes to both channels: the log delivers it, the broken one refuses it for good.
    expect(await engine.tick()).toBe(1);
    await engine.drain();
    const dead = await t.call("GET", "/api/v1/deliveries?state=dead");
    expect(dead.status).toBe(200);
    expect(dead.json.data.length).toBeGreaterThan(0);
    expect(dead.json.data.every((d: { channel: string }) => d.channel === "broken")).toBe(true);
    expect(dead.json.data[0]).toMatchObject({ state: "dead", last_error: "the far side refuses this for good" });
    const done = await t.call("GET", "/api/v1/deliveries?state=done");
    expect(done.json.data.every((d: { channel: string }) => d.channel === "log")).toBe(true);
    expect(done.json.data).toHaveLength(dead.json.data.length);

    const ready = await t.call("GET", "/readyz", undefined, { token: null });
    expect(ready.status).toBe(200);
    expect(ready.json.details.deliveries).toEqual({ pending: 0, dead: dead.json.data.length });

    const id = dead.json.data[0].id;
    const retried = await t.call("POST", `/api/v1/deliveries/${id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.json.data).toMatchObject({ id, state: "pending", attempts: 0 });
    expect((await t.call("POST", `/api/v1/deliveries/${id}/retry`)).status).toBe(409);
    expect((await t.call("POST", "/api/v1/deliveries/999999/retry")).status).toBe(404);
    expect((await t.call("POST", "/api/v1/deliveries/abc/retry")).status).toBe(400);

    await engine.dispatchOnce();
    const [row] = await t.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ state: "dead", attempts: 1 });
  });

  it("Should let only keys with incidents:write retry deliveries", async () => {
    const reader = (await t.call("POST", "/api/v1/api-keys", { name: "r", scopes: ["subscribers:read"] })).json.key;
    expect((await t.call("GET", "/api/v1/deliveries", undefined, { token: reader })).status).toBe(200);
    expect((await t.call("POST", "/api/v1/deliveries/1/retry", undefined, { token: reader })).status).toBe(403);
  });
});
