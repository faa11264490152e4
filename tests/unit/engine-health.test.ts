import { describe, expect, it } from "vitest";
import { engineHealth } from "../../src/delivery/engine-health.ts";
import { createLoop } from "../../src/delivery/loop.ts";
import { deferred } from "../support/wait.ts";

const now = new Date("2026-12-03T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const idle = (lastPassMsAgo: number) => ({ running: true, lastPassAt: ago(lastPassMsAgo), passStartedAt: null });

describe("engineHealth", () => {
  it("Should call the engine running while its loops pass at least as often as they sleep", () => {
    expect(engineHealth(idle(29_000), idle(5_000), now, 30_000)).toEqual({ state: "running", lastPassAt: ago(29_000) });
  });

  it("Should call it stalled when a loop has slept a minute past its longest sleep, or the scheduler is stuck in a pass", () => {
    expect(engineHealth(idle(91_000), idle(1_000), now, 30_000).state).toBe("stalled");
    expect(engineHealth(idle(1_000), idle(91_000), now, 30_000).state).toBe("stalled");
    const stuck = { running: true, lastPassAt: ago(70_000), passStartedAt: ago(61_000) };
    expect(engineHealth(stuck, idle(1_000), now, 30_000).state).toBe("stalled");
  });

  it("Should not call a long fan-out in the dispatcher a stall", () => {
    const fanningOut = { running: true, lastPassAt: ago(300_000), passStartedAt: ago(240_000) };
    expect(engineHealth(idle(1_000), fanningOut, now, 30_000).state).toBe("running");
  });

  it("Should call it stopped before start and after shutdown", () => {
    const stopped = { running: false, lastPassAt: null, passStartedAt: null };
    expect(engineHealth(stopped, idle(1_000), now, 30_000)).toEqual({ state: "stopped", lastPassAt: null });
    expect(engineHealth(idle(1_000), stopped, now, 30_000).state).toBe("stopped");
  });
});

describe("a loop's state", () => {
  it("Should say when a pass began while it runs, and when it ended after", async () => {
    let t = 1_000;
    const clock = () => new Date(t);
    const gate = deferred();
    const started = deferred();
    const loop = createLoop({
      pass: async () => {
        started.resolve();
        await gate.promise;
      },
      nextDueAt: async () => [null],
      clock,
      maxSleepMs: 60_000,
      log: () => {},
    });
    expect(loop.state()).toEqual({ running: false, lastPassAt: null, passStartedAt: null });
    await loop.start();
    await started.promise;
    expect(loop.state()).toEqual({ running: true, lastPassAt: null, passStartedAt: new Date(1_000) });
    t = 1_500;
    gate.resolve();
    await loop.stop();
    expect(loop.state()).toEqual({ running: false, lastPassAt: new Date(1_500), passStartedAt: null });
  });
});
