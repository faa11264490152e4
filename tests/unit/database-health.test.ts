// Which errors mean the database cannot be reached, and the health state
// that follows it: down once a probe confirms, probed while down with timers
// driven by hand, up again with its recovery hooks run once.
import { describe, expect, it } from "vitest";
import { databaseHealth } from "../../src/db/health.ts";
import { isDatabaseUnavailable } from "../../src/db/unavailable.ts";
import { coded, manualTimers, settle } from "../support/outage.ts";
import { FakeClock } from "../support/time.ts";

describe("isDatabaseUnavailable", () => {
  it("Should count postgres.js connection codes, socket errors and SQLSTATE classes 08 and 57P0x, and the statement timeout", () => {
    for (const code of [
      "ECONNREFUSED",
      "CONNECT_TIMEOUT",
      "CONNECTION_CLOSED",
      "CONNECTION_ENDED",
      "CONNECTION_DESTROYED",
      "08006",
      "08001",
      "57P01",
      "57P02",
      "57P03",
      "57014",
    ]) {
      expect(isDatabaseUnavailable(coded(code)), code).toBe(true);
    }
  });

  it("Should look through the causes drizzle wraps errors in, and into an AggregateError of connection attempts", () => {
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: coded("CONNECTION_CLOSED") }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]))).toBe(true);
  });

  it("Should not count a wrong query, a constraint or a plain error", () => {
    for (const err of [coded("23505"), coded("42P01"), coded("22021"), new Error("boom"), null, "text"]) {
      expect(isDatabaseUnavailable(err)).toBe(false);
    }
  });
});

describe("databaseHealth", () => {
  it("Should go down on a connection-class error once a probe fails too, saying since when", async () => {
    const clock = new FakeClock("2026-12-02T14:02:30Z");
    const timers = manualTimers();
    let answering = true;
    const health = databaseHealth({
      probe: async () => {
        if (!answering) throw coded("ECONNREFUSED");
      },
      clock: clock.read,
      schedule: timers.schedule,
    });
    expect(health.report(coded("23505"))).toBe(false);
    // A connection that died with an earlier outage: the probe finds the database fine.
    expect(health.report(coded("CONNECTION_CLOSED"))).toBe(true);
    await settle();
    expect(health.isDown()).toBe(false);
    answering = false;
    expect(health.report(coded("ECONNREFUSED"))).toBe(true);
    await settle();
    expect(health.isDown()).toBe(true);
    expect(health.downSince()?.toISOString()).toBe("2026-12-02T14:02:30.000Z");
    clock.advance(5_000);
    health.report(coded("CONNECTION_CLOSED"));
    await settle();
    expect(health.downSince()?.toISOString()).toBe("2026-12-02T14:02:30.000Z");
    expect(timers.pending()).toBe(1);
  });

  it("Should probe while down until the database answers, then come up and run the recovery hooks once", async () => {
    const timers = manualTimers();
    let answering = false;
    let probes = 0;
    let recovered = 0;
    const health = databaseHealth({
      probe: async () => {
        probes++;
        if (!answering) throw coded("ECONNREFUSED");
      },
      schedule: timers.schedule,
    });
    health.onRecover(() => recovered++);
    health.markDown();
    await timers.fire();
    await timers.fire();
    expect(probes).toBe(2);
    expect(health.isDown()).toBe(true);
    answering = true;
    await timers.fire();
    expect(health.isDown()).toBe(false);
    expect(health.downSince()).toBeNull();
    expect(recovered).toBe(1);
    expect(timers.pending()).toBe(0);
  });

  it("Should find the database gone when a dropped connection prompts a check, and ignore it after close", async () => {
    const timers = manualTimers();
    const health = databaseHealth({ probe: async () => Promise.reject(coded("57P01")), schedule: timers.schedule });
    health.check();
    await timers.fire();
    expect(health.isDown()).toBe(true);
    const closed = databaseHealth({ probe: async () => Promise.reject(coded("57P01")), schedule: timers.schedule });
    closed.close();
    closed.check();
    closed.markDown();
    await Promise.resolve();
    expect(closed.isDown()).toBe(false);
  });
});
