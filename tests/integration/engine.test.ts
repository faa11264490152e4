import { and, asc, count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogChannel } from "../../src/channels/log.ts";
import { type Channel, ChannelError, type OutboundUpdate } from "../../src/channels/types.ts";
import { deliveries, etaRevisions, incidents, incidentUpdates, outbox } from "../../src/db/schema/index.ts";
import { backoffMs } from "../../src/delivery/backoff.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { claimDue, failRow, leaseMs, retryDead } from "../../src/delivery/queue/index.ts";
import { recordDelivered } from "../../src/delivery/receipts.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { hours, minutes, seconds } from "../support/time.ts";

/** The same jitter the test app gives its engine. */
const jitter = () => 0.5;

type TestChannel = Channel & {
  delivered: OutboundUpdate[];
  calls: number;
  /** Makes every following delivery throw this (a fresh one each time when given a function); null heals. */
  failWith(failure: Error | (() => Error) | null): void;
};

/** A channel with one recipient ("subscribers") that can be told to fail. */
function createTestChannel(name: string, notifyFlag?: Channel["notifyFlag"]): TestChannel {
  let failure: Error | (() => Error) | null = null;
  const channel: TestChannel = {
    name,
    notifyFlag,
    delivered: [],
    calls: 0,
    failWith(next) {
      failure = next;
    },
    async deliver(update, ctx) {
      channel.calls++;
      if (failure) throw typeof failure === "function" ? failure() : failure;
      if (await ctx.alreadyDelivered("subscribers")) return;
      channel.delivered.push(update);
      await ctx.recordDelivery("subscribers", { messageId: `m${channel.delivered.length}` });
    },
  };
  return channel;
}

describe.each(databaseKinds)("honesty engine on %s", (kind) => {
  let t: TestApp;
  let engine: Engine;
  let log: ReturnType<typeof createLogChannel>;
  /** Stands in for X: silenced by notify.twitter = false. */
  let x: TestChannel;

  beforeEach(async () => {
    log = createLogChannel();
    x = createTestChannel("x", "twitter");
    t = await startTestApp(kind, { channels: [log, x] });
    engine = t.engine as Engine;
  });
  afterEach(() => t.close());

  const declare = (body: Record<string, unknown> = {}) => t.declare(body);
  const postUpdate = (id: string, body: Record<string, unknown>) => t.postUpdate(id, body);
  const updatesOf = (id: string) =>
    t.db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, id)).orderBy(asc(incidentUpdates.seq));
  const incidentRow = async (id: string) => (await t.db.select().from(incidents).where(eq(incidents.id, id)))[0];
  const revisionsOf = (id: string) =>
    t.db
      .select()
      .from(etaRevisions)
      .where(eq(etaRevisions.incidentId, id))
      .orderBy(asc(etaRevisions.promisedAt), asc(etaRevisions.id));
  const rowsOf = (updateId: string) =>
    t.db.select().from(outbox).where(eq(outbox.updateId, updateId)).orderBy(asc(outbox.channel));
  const rowOf = async (updateId: string, channel: string) =>
    (
      await t.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.updateId, updateId), eq(outbox.channel, channel)))
    )[0];
  const countOf = async (table: typeof outbox | typeof deliveries | typeof incidentUpdates) =>
    (await t.db.select({ n: count() }).from(table))[0].n;
  const iso = (d: Date | null) => d?.toISOString() ?? null;

  describe("the outbox", () => {
    it("Should write one outbox row per channel with the update and deliver it exactly once", async () => {
      const { updateId } = await declare({ message: "We are seeing errors." });
      const [forLog, forX] = await rowsOf(updateId);
      const [update] = await t.db.select().from(incidentUpdates).where(eq(incidentUpdates.id, updateId));
      for (const [row, channel] of [
        [forLog, "log"],
        [forX, "x"],
      ] as const) {
        expect(row).toMatchObject({
          key: `${updateId}:${channel}`,
          channel,
          state: "pending",
          attempts: 0,
          payload: { text: "We are seeing errors. Next update by 12:30 UTC." },
          lockedAt: null,
        });
        expect(iso(row.runAt)).toBe(t.clock.in(0));
        // Written with the update, at the same instant.
        expect(iso(row.createdAt)).toBe(iso(update.createdAt));
      }
      expect(log.entries).toEqual([]); // the engine is not running: nothing goes out by itself

      expect(await engine.dispatchOnce()).toBe(2);
      expect(log.entries).toHaveLength(1);
      expect(log.entries[0]).toMatchObject({ updateId, kind: "manual", at: t.clock.in(0) });
      expect(log.entries[0].text.endsWith("Next update by 12:30 UTC.")).toBe(true);
      expect(x.delivered.map((u) => u.text)).toEqual(["We are seeing errors. Next update by 12:30 UTC."]);
      expect(x.delivered[0]).toMatchObject({ incidentTitle: "API errors", seq: 1, status: "investigating" });

      const sent = await t.db.select().from(deliveries).where(eq(deliveries.channel, "log"));
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ updateId, channel: "log", recipient: "log" });
      for (const row of await rowsOf(updateId)) {
        expect(row).toMatchObject({ state: "done", attempts: 1, lockedAt: null, lockedBy: null, lastError: null });
        expect(iso(row.completedAt)).toBe(t.clock.in(0));
      }

      expect(await engine.dispatchOnce()).toBe(0);
      t.clock.advance(minutes(5));
      await engine.drain();
      expect(log.entries).toHaveLength(1);
      expect(x.delivered).toHaveLength(1);
      expect(await countOf(deliveries)).toBe(2);
    });

    it("Should write no outbox row when the update is refused", async () => {
      const res = await t.call("POST", "/api/v1/incidents", {
        title: "API errors",
        message: "We see errors.",
        components: { nope: "major_outage" },
      });
      expect(res.status).toBe(400);
      expect(await countOf(incidentUpdates)).toBe(0);
      expect(await countOf(outbox)).toBe(0);
    });

    it.each([
      { name: "notify twitter false", notify: { twitter: false }, channels: ["log"] },
      { name: "notify email false", notify: { email: false }, channels: ["log", "x"] },
      { name: "everything silenced", notify: { twitter: false, email: false, webhook: false }, channels: ["log"] },
      { name: "no notify flags", notify: undefined, channels: ["log", "x"] },
    ])("Should skip a channel whose notify flag is off ($name)", async ({ notify, channels }) => {
      const { id, updateId } = await declare({ notify });
      expect((await rowsOf(updateId)).map((r) => r.channel)).toEqual(channels);
      await engine.drain();
      expect(log.entries).toHaveLength(1);
      expect(x.delivered).toHaveLength(channels.includes("x") ? 1 : 0);

      // The flag is per update: the next update reaches every channel again.
      const next = await postUpdate(id, { message: "Still looking." });
      expect((await rowsOf(next)).map((r) => r.channel)).toEqual(["log", "x"]);
    });
  });

  describe("holding updates", () => {
    it("Should post one holding update when the next update falls due, and promise the next one", async () => {
      const { id } = await declare();
      t.clock.advance(minutes(29));
      expect(await engine.tick()).toBe(0);
      t.clock.advance(minutes(1));
      expect(await engine.tick()).toBe(1);
      expect(await engine.tick()).toBe(0); // same instant: the promise is kept already

      const [first, holding] = await updatesOf(id);
      expect(holding).toMatchObject({ seq: 2, kind: "holding", author: "candor", status: "investigating" });
      expect(holding.lateBySeconds).toBe(0);
      expect(iso(holding.nextUpdateDueAt)).toBe("2026-11-23T13:00:00.000Z");
      expect(holding.body).toContain("investigating the cause");
      expect(holding.body).toContain("Next update by 13:00 UTC. (As of 12:30 UTC.)");
      expect(iso((await incidentRow(id)).nextUpdateDueAt)).toBe("2026-11-23T13:00:00.000Z");
      expect(first.promiseOutcome).toBe("kept_by_machine");
      expect(holding.promiseOutcome).toBeNull();

      // It goes out like any other update, worded whole by the template.
      expect((await rowsOf(holding.id)).map((r) => r.payload.text)).toEqual([holding.body, holding.body]);
      await engine.drain();
      // Rows in one batch go out concurrently, in no promised order.
      expect(log.entries.map((e) => e.kind).sort()).toEqual(["holding", "manual"]);
      expect(log.entries.find((e) => e.kind === "holding")?.text).toBe(holding.body);

      // Two more intervals: two more holding updates, each worded differently.
      for (let i = 0; i < 2; i++) {
        t.clock.advance(minutes(30));
        await engine.drain();
      }
      const all = await updatesOf(id);
      expect(all.map((u) => u.kind)).toEqual(["manual", "holding", "holding", "holding"]);
      expect(all.map((u) => u.promiseOutcome)).toEqual(["kept_by_machine", "kept_by_machine", "kept_by_machine", null]);
      const texts = all.slice(1).map((u) => u.body);
      expect(new Set(texts).size).toBe(3);
      expect(
        log.entries
          .filter((e) => e.kind === "holding")
          .map((e) => e.text)
          .sort(),
      ).toEqual([...texts].sort());
      expect(x.delivered).toHaveLength(4);
    });

    it("Should post nothing while engineers keep their promises, and keep to the interval they chose", async () => {
      const { id } = await declare();
      t.clock.advance(minutes(20));
      await postUpdate(id, { message: "Found the cause.", status: "identified", next_update_in: "PT2H" });
      expect(iso((await incidentRow(id)).nextUpdateDueAt)).toBe("2026-11-23T14:20:00.000Z");

      t.clock.advance(minutes(10)); // 12:30, when the first promise would have fallen due
      expect(await engine.tick()).toBe(0);
      t.clock.advance(minutes(109)); // 14:19
      expect(await engine.tick()).toBe(0);
      t.clock.advance(minutes(1)); // 14:20
      expect(await engine.tick()).toBe(1);

      const [first, engineer, holding] = await updatesOf(id);
      expect(first.promiseOutcome).toBe("kept_by_engineer");
      expect(engineer.promiseOutcome).toBe("kept_by_machine");
      expect(holding.kind).toBe("holding");
      expect(holding.body).toContain("working on a fix for the cause we found");
      // The engineers' two-hour cadence, not the 30-minute default.
      expect(iso(holding.nextUpdateDueAt)).toBe("2026-11-23T16:20:00.000Z");
      expect(holding.body).toContain("Next update by 16:20 UTC.");

      t.clock.advance(minutes(119));
      expect(await engine.tick()).toBe(0);
      t.clock.advance(minutes(1));
      expect(await engine.tick()).toBe(1);
    });

    it.each([
      { name: "a minute early", after: minutes(29), outcome: "kept_by_engineer" },
      { name: "on the minute", after: minutes(30), outcome: "kept_by_engineer" },
      { name: "within the grace period", after: minutes(30) + seconds(59), outcome: "kept_by_engineer" },
      { name: "five minutes late, nobody ticking", after: minutes(35), outcome: "missed" },
    ])("Should judge an engineer's update $name", async ({ after, outcome }) => {
      const { id } = await declare();
      t.clock.advance(after);
      await postUpdate(id, { message: "More news." });
      expect((await updatesOf(id))[0].promiseOutcome).toBe(outcome);
    });
  });

  describe("missed ETAs", () => {
    it("Should admit a missed ETA, withdraw it and record it as missed", async () => {
      const eta = t.clock.in(minutes(10));
      const { id } = await declare({ eta });
      expect(await revisionsOf(id)).toMatchObject([{ eta: new Date(eta), outcome: null }]);

      t.clock.advance(minutes(10));
      expect(await engine.tick()).toBe(1);
      expect(await engine.tick()).toBe(0);

      const [first, missed] = await updatesOf(id);
      expect(missed).toMatchObject({ kind: "eta_missed", author: "candor", eta: null, lateBySeconds: 0 });
      expect(missed.body).toContain("Our estimate of 12:10 UTC has passed");
      expect(missed.body).toContain("We're sorry");
      expect(missed.body.endsWith("We don't have a new estimate yet; next update by 12:40 UTC.")).toBe(true);
      expect(first.promiseOutcome).toBe("kept_by_machine"); // it came before 12:30
      const incident = await incidentRow(id);
      expect(incident.eta).toBeNull();
      expect(iso(incident.nextUpdateDueAt)).toBe("2026-11-23T12:40:00.000Z");

      // The ledger: the ETA reached with service still broken is missed, and a
      // new entry says there is no estimate now.
      // (Regression: the machine admits the miss at the very moment of the ETA,
      // so settleEta must count an overrun of 0 as missed when not resolving.)
      const revisions = await revisionsOf(id);
      expect(revisions).toHaveLength(2);
      expect(revisions[0]).toMatchObject({ eta: new Date(eta), outcome: "missed", missedBySeconds: 0 });
      expect(iso(revisions[0].settledAt)).toBe(t.clock.in(0));
      expect(revisions[1]).toMatchObject({ updateId: missed.id, previousEta: new Date(eta), eta: null, outcome: null });

      // The next holding update says honestly that there is no estimate.
      t.clock.advance(minutes(30));
      expect(await engine.tick()).toBe(1);
      const holding = (await updatesOf(id))[2];
      expect(holding.kind).toBe("holding");
      expect(holding.body).toContain("We don't have an estimate for a fix yet.");
      expect(holding.body).not.toContain("expect service back");
      expect(missed.id).not.toBe(holding.id);
      expect((await updatesOf(id))[1].promiseOutcome).toBe("kept_by_machine");
    });

    it("Should post the ETA admission instead of a holding update when both are due", async () => {
      const { id } = await declare({ eta: t.clock.in(minutes(30)) });
      t.clock.advance(minutes(30));
      expect(await engine.tick()).toBe(1);
      expect(await engine.tick()).toBe(0);
      expect((await updatesOf(id)).map((u) => u.kind)).toEqual(["manual", "eta_missed"]);
    });
  });

  describe("after downtime", () => {
    it.each([
      {
        name: "a holding update",
        declared: {},
        kind: "holding",
        late: "This update is 2 hours later than we promised; we're sorry.",
        lateBySeconds: 7200,
      },
      {
        name: "an ETA admission",
        declared: { eta: "2026-11-23T12:10:00.000Z" },
        kind: "eta_missed",
        late: "(We are posting this 2 hours 20 minutes late.)",
        lateBySeconds: 8400,
      },
    ])("Should post exactly one late $name, admitting it is late", async ({ declared, kind, late, lateBySeconds }) => {
      const { id } = await declare(declared);
      t.clock.advance(minutes(150)); // down from 12:00 to 14:30; the promise fell due at 12:30
      expect(await engine.tick()).toBe(1);
      expect(await engine.tick()).toBe(0);
      await engine.drain();

      const updates = await updatesOf(id);
      expect(updates.map((u) => u.kind)).toEqual(["manual", kind]);
      expect(updates[1].body).toContain(late);
      expect(updates[1].lateBySeconds).toBe(lateBySeconds);
      expect(updates[0].promiseOutcome).toBe("missed");
      expect(iso(updates[1].nextUpdateDueAt)).toBe("2026-11-23T15:00:00.000Z");
      expect(log.entries.filter((e) => e.kind === kind)).toHaveLength(1);

      // Back on schedule: the next one is on time and says nothing about lateness.
      t.clock.advance(minutes(30));
      expect(await engine.tick()).toBe(1);
      const next = (await updatesOf(id))[2];
      expect(next.kind).toBe("holding");
      expect(next.lateBySeconds).toBe(0);
      expect(next.body).not.toContain("later than we promised");
      expect(updates[1].id).not.toBe(next.id);
    });
  });

  describe("resolution", () => {
    it("Should sum up the incident in the public text and post nothing afterwards", async () => {
      const { id } = await declare();
      t.clock.advance(minutes(85));
      const updateId = await postUpdate(id, { message: "All fixed.", status: "resolved" });

      const rows = await rowsOf(updateId);
      expect(rows.map((r) => r.payload.text)).toEqual([
        "All fixed. Resolved after 1 hour 25 minutes.",
        "All fixed. Resolved after 1 hour 25 minutes.",
      ]);
      await engine.drain();
      const resolved = log.entries.find((e) => e.kind === "resolved");
      expect(resolved?.text).toBe("All fixed. Resolved after 1 hour 25 minutes.");
      expect(resolved?.text).not.toContain("We missed");

      const before = await countOf(outbox);
      for (const step of [minutes(1), minutes(30), hours(3), hours(24 * 7)]) {
        t.clock.advance(step);
        expect(await engine.tick()).toBe(0);
        await engine.drain();
      }
      expect(await countOf(outbox)).toBe(before);
      expect((await updatesOf(id)).map((u) => u.kind)).toEqual(["manual", "resolved"]);
      expect(await incidentRow(id)).toMatchObject({ status: "resolved", eta: null, nextUpdateDueAt: null });
    });

    it("Should say by how much a missed ETA was missed", async () => {
      const { id } = await declare({ eta: t.clock.in(minutes(10)) });
      t.clock.advance(minutes(10));
      expect(await engine.tick()).toBe(1); // eta_missed at 12:10
      t.clock.advance(minutes(25)); // 12:35; the 12:40 holding is not due yet
      expect(await engine.tick()).toBe(0);
      const updateId = await postUpdate(id, { message: "Service is back.", status: "resolved" });

      // (Regression: this needs the ETA admitted at 12:10 sharp to be ledgered "missed", not "withdrawn".)
      const expected =
        "Service is back. Resolved after 35 minutes. We missed our estimate of 12:10 UTC by 25 minutes; we're sorry.";
      expect((await rowOf(updateId, "log")).payload.text).toBe(expected);
      await engine.drain();
      expect(log.entries.map((e) => e.kind).sort()).toEqual(["eta_missed", "manual", "resolved"]);
      expect(log.entries.find((e) => e.kind === "resolved")?.text).toBe(expected);
      expect(x.delivered.find((u) => u.kind === "resolved")?.text).toBe(expected);

      const [missed] = await revisionsOf(id);
      expect(missed).toMatchObject({ outcome: "missed", missedBySeconds: 25 * 60 });

      t.clock.advance(hours(48));
      expect(await engine.tick()).toBe(0);
    });

    it("Should not apologise for an ETA that was met", async () => {
      const { id } = await declare({ eta: t.clock.in(minutes(60)) });
      t.clock.advance(minutes(45));
      const updateId = await postUpdate(id, { message: "Service is back.", status: "resolved" });
      expect((await rowOf(updateId, "log")).payload.text).toBe("Service is back. Resolved after 45 minutes.");
      t.clock.advance(minutes(60)); // the old ETA passes: nothing is owed any more
      expect(await engine.tick()).toBe(0);
    });
  });

  describe("failed deliveries", () => {
    it("Should back off after a plain error, then give up after max attempts, keeping the row", async () => {
      const { updateId } = await declare();
      await t.db.update(outbox).set({ maxAttempts: 2 }).where(eq(outbox.updateId, updateId));
      x.failWith(new Error("connection reset"));

      expect(await engine.dispatchOnce()).toBe(2);
      let row = await rowOf(updateId, "x");
      expect(row).toMatchObject({
        state: "pending",
        attempts: 1,
        lastError: "connection reset",
        lockedAt: null,
        lockedBy: null,
      });
      expect(iso(row.runAt)).toBe(t.clock.in(backoffMs(1, jitter)));
      expect(backoffMs(1, jitter)).toBe(1500);

      expect(await engine.dispatchOnce()).toBe(0); // not due yet
      t.clock.advance(1499);
      expect(await engine.dispatchOnce()).toBe(0);
      t.clock.advance(1);
      expect(await engine.dispatchOnce()).toBe(1);
      row = await rowOf(updateId, "x");
      expect(row).toMatchObject({ state: "dead", attempts: 2, lastError: "connection reset" });

      t.clock.advance(hours(24));
      expect(await engine.dispatchOnce()).toBe(0);
      expect(x.calls).toBe(2);

      // The log channel's row was never touched by x's failures.
      expect(await rowOf(updateId, "log")).toMatchObject({ state: "done", attempts: 1, lastError: null });
      expect(log.entries).toHaveLength(1);

      // A dead row is kept, and can be retried once the far side is healthy.
      x.failWith(null);
      await retryDead(t.db, row.id, t.clock.read());
      expect(await engine.dispatchOnce()).toBe(1);
      expect(await rowOf(updateId, "x")).toMatchObject({ state: "done", attempts: 1 });
      expect(x.delivered).toHaveLength(1);
    });

    it("Should store and show a failure's text without the URLs a library quoted in it", async () => {
      const { updateId } = await declare();
      x.failWith(new Error("request to https://user:s3cret@hooks.example.com/x?token=abc failed, reason: ECONNRESET"));

      expect(await engine.dispatchOnce()).toBe(2);
      const row = await rowOf(updateId, "x");
      expect(row.lastError).toBe("request to [url] failed, reason: ECONNRESET");
      expect(JSON.stringify(row)).not.toMatch(/s3cret|hooks\.example|token=abc/);
      x.failWith(null);
    });

    it("Should back off exponentially while attempts remain", async () => {
      const { updateId } = await declare({ notify: { twitter: true } });
      x.failWith(new ChannelError("503 from the far side", "retry"));
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect(await engine.dispatchOnce()).toBeGreaterThanOrEqual(1);
        const row = await rowOf(updateId, "x");
        expect(row).toMatchObject({ state: "pending", attempts: attempt, lastError: "503 from the far side" });
        const delay = backoffMs(attempt, jitter);
        expect(iso(row.runAt)).toBe(t.clock.in(delay));
        t.clock.advance(delay);
      }
    });

    type Case = {
      name: string;
      failure: (now: Date) => Error;
      state: "pending" | "dead";
      attempts: number;
      runAtAfterMs: number | null;
    };
    it.each<Case>([
      {
        name: "retry_at: runs at the given time and uses no attempt",
        failure: (now) => new ChannelError("rate limited", "retry_at", new Date(now.getTime() + minutes(15))),
        state: "pending",
        attempts: 0,
        runAtAfterMs: minutes(15),
      },
      {
        name: "unhealthy: tries again in a minute and uses no attempt",
        failure: () => new ChannelError("bad credentials", "unhealthy"),
        state: "pending",
        attempts: 0,
        runAtAfterMs: minutes(1),
      },
      {
        name: "permanent: dead at once",
        failure: () => new ChannelError("tweet too long", "permanent"),
        state: "dead",
        attempts: 1,
        runAtAfterMs: null,
      },
    ])("Should treat a ChannelError by its decision ($name)", async ({ failure, state, attempts, runAtAfterMs }) => {
      const { updateId } = await declare();
      await t.db.update(outbox).set({ maxAttempts: 2 }).where(eq(outbox.updateId, updateId));
      x.failWith(() => failure(t.clock.read()));

      // Many more failures than max_attempts: only attempts that count can kill the row.
      for (let i = 0; i < 5; i++) {
        const handled = await engine.dispatchOnce();
        const row = await rowOf(updateId, "x");
        const message = failure(t.clock.read()).message;
        if (state === "dead") {
          expect(handled).toBe(i === 0 ? 2 : 0);
          expect(row).toMatchObject({ state: "dead", attempts, lastError: message });
        } else {
          expect(handled).toBeGreaterThanOrEqual(1);
          expect(row).toMatchObject({ state, attempts, lastError: message, lockedAt: null });
          expect(iso(row.runAt)).toBe(t.clock.in(runAtAfterMs as number));
          expect(await engine.dispatchOnce()).toBe(0); // not before that time
          t.clock.advance(runAtAfterMs as number);
        }
      }
      expect(x.calls).toBe(state === "dead" ? 1 : 5);
      expect(x.delivered).toHaveLength(0);
      expect(await rowOf(updateId, "log")).toMatchObject({ state: "done", attempts: 1, lastError: null });
      expect(log.entries).toHaveLength(1);

      // Healed, a pending row goes out on its next run.
      x.failWith(null);
      await engine.drain();
      // (Only this update: with the clock moved on, holding updates may have gone out too.)
      expect(x.delivered.filter((u) => u.updateId === updateId)).toHaveLength(state === "dead" ? 0 : 1);
    });

    // A retry time already past (clock skew with the far side's rate-limit
    // reset) must not make the row due again at once for free, or drain()
    // would loop on it for ever.
    it("Should not retry at once when a rate limit's retry time is already past", async () => {
      const { updateId } = await declare();
      x.failWith(() => new ChannelError("rate limited", "retry_at", new Date(t.clock.read().getTime() - seconds(1))));
      expect(await engine.dispatchOnce()).toBe(2);
      expect(await rowOf(updateId, "x")).toMatchObject({ state: "pending", attempts: 0 });
      // Same instant: nothing should be due, or drain() would spin on this row.
      expect(await engine.dispatchOnce()).toBe(0);
    });

    it("Should keep other channels' rows moving while one channel fails", async () => {
      const { id } = await declare();
      x.failWith(new Error("down"));
      for (let i = 0; i < 3; i++) {
        await postUpdate(id, { message: `Update ${i}` });
        await engine.drain();
      }
      expect(log.entries).toHaveLength(4);
      const states = await t.db.select({ channel: outbox.channel, state: outbox.state }).from(outbox);
      expect(states.filter((r) => r.channel === "log").every((r) => r.state === "done")).toBe(true);
      expect(states.filter((r) => r.channel === "x").every((r) => r.state === "pending")).toBe(true);
    });
  });

  describe("crashed workers", () => {
    it("Should claim a row again once a dead worker's lease runs out", async () => {
      const { updateId } = await declare();
      const claimed = await claimDue(t.db, "worker-that-died", t.clock.read(), 10);
      expect(claimed).toHaveLength(2);
      expect(claimed[0]).toMatchObject({ lockedBy: "worker-that-died", attempts: 1 });

      expect(await engine.dispatchOnce()).toBe(0); // locked by the other worker
      t.clock.advance(leaseMs - 1);
      expect(await engine.dispatchOnce()).toBe(0);
      t.clock.advance(2); // just past the lease
      expect(await engine.dispatchOnce()).toBe(2);

      expect(log.entries).toHaveLength(1);
      expect(x.delivered).toHaveLength(1);
      for (const row of await rowsOf(updateId)) {
        expect(row).toMatchObject({ state: "done", attempts: 2, lockedBy: null });
      }
    });

    // A worker that outlived its lease must not write its result over the row
    // that another worker has since claimed and completed.
    it("Should not let a worker whose lease ran out undo another worker's delivery", async () => {
      const { updateId } = await declare();
      const [slow] = (await claimDue(t.db, "slow-worker", t.clock.read(), 10)).filter((r) => r.channel === "x");
      t.clock.advance(leaseMs + 1);
      expect(await engine.dispatchOnce()).toBe(2); // the lease ran out: this engine delivers
      expect(await rowOf(updateId, "x")).toMatchObject({ state: "done" });
      expect(x.delivered).toHaveLength(1);

      // The slow worker finally hears back from the far side, and fails.
      await failRow(t.db, slow, { message: "timed out", decision: "permanent" }, t.clock.read(), jitter);
      expect(await rowOf(updateId, "x")).toMatchObject({ state: "done", lastError: null });
    });

    it("Should not send twice when a delivery is already recorded for the recipient", async () => {
      const { updateId } = await declare();
      await recordDelivered(t.db, { updateId, channel: "log", recipient: "log" }, t.clock.read());

      expect(await engine.dispatchOnce()).toBe(2);
      expect(log.entries).toHaveLength(0);
      expect(await rowOf(updateId, "log")).toMatchObject({ state: "done" });
      expect(await t.db.select().from(deliveries).where(eq(deliveries.channel, "log"))).toHaveLength(1);
      expect(x.delivered).toHaveLength(1); // a different channel: its own recipients
    });

    it("Should not send twice when a worker died after sending but before completing the row", async () => {
      const { updateId } = await declare();
      await engine.dispatchOnce();
      expect(log.entries).toHaveLength(1);
      // The worker sent and recorded the delivery, then died before marking the row done.
      await t.db
        .update(outbox)
        .set({ state: "pending", completedAt: null, lockedAt: t.clock.read(), lockedBy: "worker-that-died" })
        .where(eq(outbox.updateId, updateId));

      t.clock.advance(leaseMs + 1);
      expect(await engine.dispatchOnce()).toBe(2);
      expect(log.entries).toHaveLength(1);
      expect(x.delivered).toHaveLength(1);
      expect(await countOf(deliveries)).toBe(2);
      for (const row of await rowsOf(updateId)) expect(row.state).toBe("done");
    });
  });
});
