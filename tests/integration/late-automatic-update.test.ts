// Catching up after an outage: an automatic update the engine could not post
// on time (the database was down) is posted when it can be, its words admit
// the delay, and the engine's log says how late it was.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogChannel } from "../../src/channels/log.ts";
import { createEngine, type Engine } from "../../src/delivery/engine.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { minutes, seconds } from "../support/time.ts";

describe.each(databaseKinds)("a late automatic update on %s", (kind) => {
  let t: TestApp;
  let engine: Engine;
  let lines: string[];
  beforeEach(async () => {
    t = await startTestApp(kind);
    lines = [];
    engine = createEngine({
      db: t.db,
      config: t.config,
      clock: t.clock.read,
      channels: [createLogChannel()],
      log: (line) => lines.push(line),
    });
  });
  afterEach(() => t.close());

  it("Should log how late a holding update was posted, and say nothing of one posted on time", async () => {
    const declared = await t.call("POST", "/api/v1/incidents", {
      title: "Checkout failing",
      message: "Payments fail.",
      next_update_in: "PT5M",
    });
    const id = declared.json.data.id;
    t.clock.advance(minutes(5));
    expect(await engine.tick()).toBe(1);
    expect(lines.filter((l) => l.includes("late"))).toEqual([]);

    // The next one falls due while the database is down; the engine gets to it 3 minutes after.
    t.clock.advance(minutes(5) + minutes(3) + seconds(20));
    expect(await engine.tick()).toBe(1);
    expect(lines).toContain(`holding update for ${id} posted 200 s late`);
  });
});
