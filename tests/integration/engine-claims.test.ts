// The engine in real time: promises kept while the dispatcher is busy, claims
// tied to the claimer's database session (ADR 0014), and a shutdown that hands
// a fan-out back between batches. Each test has its own database and engine.
import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { type Channel, ChannelError } from "../../src/channels/types.ts";
import { incidents, incidentUpdates, outbox } from "../../src/db/schema/index.ts";
import { pgliteSessionLock, postgresSessionLock, type SessionLock } from "../../src/db/session-lock.ts";
import { createEngine, type Engine } from "../../src/delivery/engine.ts";
import { claimDue, claimLockClass, nextRunAt, takeoverCheckMs } from "../../src/delivery/queue/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds, type TestDb } from "../support/db.ts";
import { hours } from "../support/time.ts";
import { sleep, waitFor, waitUntil } from "../support/wait.ts";

/** Gates still shut when a test ends: opened then, so that stopping its engine does not wait for ever. */
const shutGates: (() => void)[] = [];

/** A channel whose every delivery waits until `open()` is called. */
function gatedChannel(name: string) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  shutGates.push(open);
  let calls = 0;
  const channel: Channel = {
    name,
    async deliver() {
      calls++;
      await gate;
    },
  };
  return { channel, open, calls: () => calls };
}

/** A fan-out to `total` recipients, renewing its claim every 10 as the email channel does with each group. */
function fanOutChannel(name: string, total: number) {
  const sent: string[] = [];
  const channel: Channel = {
    name,
    async deliver(_update, ctx) {
      for (let i = 0; i < total; i++) {
        if (i % 10 === 0 && !(await ctx.renewClaim())) throw new ChannelError("lost the claim", "retry");
        const recipient = `r${i}`;
        if (await ctx.alreadyDelivered(recipient)) continue;
        await sleep(2);
        sent.push(recipient);
        await ctx.recordDelivery(recipient);
      }
    },
  };
  return { channel, sent };
}

describe.each(databaseKinds)("engine claims and timing on %s", (kind) => {
  let t: TestApp | undefined;
  const engines: Engine[] = [];
  const locks: SessionLock[] = [];

  afterEach(async () => {
    for (const open of shutGates.splice(0)) open();
    await Promise.all(engines.splice(0).map((e) => e.stop()));
    await Promise.all(locks.splice(0).map((l) => l.close()));
    await t?.close();
    t = undefined;
  });

  async function app(channels: Channel[]): Promise<TestApp> {
    t = await startTestApp(kind, { channels });
    // Real time from here: the engines below run on the wall clock.
    t.clock.now = new Date();
    return t;
  }

  /** A session lock on the test's database, as the Node entry holds one. */
  function lockFor(test: TestApp, key: string): SessionLock {
    const database = test.database as TestDb;
    const lock = database.pglite
      ? pgliteSessionLock(database.pglite, claimLockClass, key)
      : postgresSessionLock(database.url as string, claimLockClass, key);
    locks.push(lock);
    return lock;
  }

  function engineOn(test: TestApp, channels: Channel[], withLock = true): Engine {
    const engine = createEngine({
      db: test.db,
      config: test.config,
      clock: () => new Date(),
      channels,
      maxSleepMs: 1000,
      sessionLock: withLock ? (_classId, key) => lockFor(test, key) : undefined,
    });
    engines.push(engine);
    return engine;
  }

  it("Should post a due holding update on time while a delivery holds the dispatcher", async () => {
    const slow = gatedChannel("slow");
    const test = await app([slow.channel]);
    const { id } = await test.declare({ next_update_in: "PT1H" });
    const dueAt = new Date(Date.now() + 1500);
    await test.db.update(incidents).set({ nextUpdateDueAt: dueAt }).where(eq(incidents.id, id));

    const engine = engineOn(test, [slow.channel]);
    await engine.start();
    await waitUntil("the dispatcher to be busy delivering", 5000, () => slow.calls() > 0);
    const holding = await waitFor("the holding update", 5000, async () => {
      const [row] = await test.db
        .select()
        .from(incidentUpdates)
        .where(and(eq(incidentUpdates.incidentId, id), eq(incidentUpdates.kind, "holding")));
      return row;
    });
    const lateMs = holding.createdAt.getTime() - dueAt.getTime();
    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs, "posted within a second of its due time").toBeLessThan(1000);
    expect(slow.calls(), "the first delivery is still under way").toBe(1);
    slow.open();
  });

  it("Should let no one take over a live session's claims, however old they are", async () => {
    const test = await app([gatedChannel("x").channel]);
    await test.declare();
    const lock = lockFor(test, "session:live");
    expect(await lock.held()).toBe(true);
    const now = new Date();
    const claimed = await claimDue(test.db, "session:live", now, 10);
    expect(claimed).toHaveLength(1);

    // Hours later by the clock, the claimer is merely slow: its session is still there.
    const later = new Date(now.getTime() + hours(2));
    expect(await claimDue(test.db, "candor-other", later, 10)).toEqual([]);
    // An idle engine looks again shortly, since nothing announces a crash.
    expect(await nextRunAt(test.db, later, ["candor-other"])).toEqual(new Date(later.getTime() + takeoverCheckMs));
  });

  it("Should claim again a row it holds but failed to settle (the database went away mid-delivery)", async () => {
    const test = await app([gatedChannel("x").channel]);
    await test.declare();
    const lock = lockFor(test, "session:self");
    expect(await lock.held()).toBe(true);
    const now = new Date();
    expect(await claimDue(test.db, "session:self", now, 10)).toHaveLength(1);
    // Its next claim comes after the batch was settled, so a row still held is one left behind.
    expect(await nextRunAt(test.db, now, ["session:self"])).not.toBeNull();
    expect((await nextRunAt(test.db, now, ["session:self"]))?.getTime()).toBeLessThanOrEqual(now.getTime());
    const again = await claimDue(test.db, "session:self", now, 10);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ lockedBy: "session:self", attempts: 2 });
  });

  it("Should free the claims of a process that is gone at once", async () => {
    const test = await app([gatedChannel("x").channel]);
    await test.declare();
    const gone = `session:gone-${kind}`;
    if (kind === "postgres") {
      // A process that held its lock, claimed, then died: its session closes.
      const lock = lockFor(test, gone);
      expect(await lock.held()).toBe(true);
      expect(await claimDue(test.db, gone, new Date(), 10)).toHaveLength(1);
      expect(await claimDue(test.db, "candor-other", new Date(), 10)).toEqual([]);
      await lock.close();
    } else {
      // PGlite is one process: claims from an earlier run hold no lock in this session.
      await test.db.update(outbox).set({ lockedAt: new Date(), lockedBy: gone });
    }
    const startedAt = Date.now();
    const taken = await waitFor("the claim to be free", 5000, async () => {
      const rows = await claimDue(test.db, "candor-rescuer", new Date(), 10);
      return rows.length ? rows : undefined;
    });
    expect(taken[0]).toMatchObject({ lockedBy: "candor-rescuer" });
    expect(Date.now() - startedAt).toBeLessThan(5000);
  });

  it("Should claim under its session while it holds the lock", async () => {
    const slow = gatedChannel("slow");
    const test = await app([slow.channel]);
    await test.declare();
    const engine = engineOn(test, [slow.channel]);
    await engine.start();
    await waitUntil("the delivery to start", 5000, () => slow.calls() > 0);
    const [row] = await test.db.select().from(outbox);
    expect(row.lockedBy).toMatch(/^session:/);
    const [{ alive }] = await test.db
      .select({
        alive: sql<boolean>`exists (select 1 from pg_locks where locktype = 'advisory' and granted
          and classid = ${claimLockClass} and objid = hashtext(${outbox.lockedBy})::oid and objsubid = 2)`,
      })
      .from(outbox);
    expect(alive).toBe(true);
    slow.open();
  });

  it("Should hand a fan-out's row back at shutdown with the attempt not counted, and resume it without sending anyone twice", async () => {
    const total = 400;
    const fan = fanOutChannel("fan", total);
    const test = await app([fan.channel]);
    const { updateId } = await test.declare();
    const first = engineOn(test, [fan.channel]);
    await first.start();
    await waitUntil("the fan-out to be under way", 10_000, () => fan.sent.length >= 50);
    const stopping = Date.now();
    await first.stop();
    const stopMs = Date.now() - stopping;
    engines.splice(engines.indexOf(first), 1);

    const [row] = await test.db.select().from(outbox).where(eq(outbox.updateId, updateId));
    expect(row).toMatchObject({ state: "pending", attempts: 0, lockedAt: null, lockedBy: null });
    expect(fan.sent.length, "stopped mid-fan-out").toBeLessThan(total);
    expect(stopMs, "stopped at the next renewal, not at the end").toBeLessThan(1000);

    const second = engineOn(test, [fan.channel]);
    await second.start();
    await waitUntil("the fan-out to finish", 20_000, async () => {
      const [r] = await test.db.select().from(outbox).where(eq(outbox.updateId, updateId));
      return r.state === "done";
    });
    expect(fan.sent).toHaveLength(total);
    expect(new Set(fan.sent).size).toBe(total);
  });
});
