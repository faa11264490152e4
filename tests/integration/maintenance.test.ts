// Scheduled maintenance through the HTTP API and the engine on a fake clock:
// the API's answers and refusals, the lifecycle's updates (as the log channel
// received them), component statuses, and peak hours with time zones and a
// DST change. The channels themselves (X threads, email threads, filters)
// are checked against the fake X server and the SMTP sink in
// maintenance-channels.test.ts.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogChannel } from "../../src/channels/log.ts";
import { auditLog, incidents } from "../../src/db/schema/index.ts";
import { createEngine, type Engine } from "../../src/delivery/engine.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { hours, minutes } from "../support/time.ts";

describe.each(databaseKinds)("scheduled maintenance on %s", (kind) => {
  let t: TestApp;
  let engine: Engine;
  let log: ReturnType<typeof createLogChannel>;

  async function start(env: Record<string, string> = {}) {
    log = createLogChannel();
    t = await startTestApp(kind, { env, channels: [log] });
    engine = t.engine as Engine;
    for (const [slug, name] of [
      ["api", "API"],
      ["web", "Website"],
    ]) {
      const res = await t.call("POST", "/api/v1/components", { slug, name });
      expect(res.status, res.text).toBe(201);
    }
  }
  beforeEach(() => start());
  afterEach(() => t?.close());

  /** Schedules "Database upgrade" on api, 2 h ahead for 2 h unless told otherwise. */
  async function schedule(body: Record<string, unknown> = {}) {
    const res = await t.call("POST", "/api/v1/maintenances", {
      title: "Database upgrade",
      message: "We are upgrading the primary database.",
      components: ["api"],
      starts_at: t.clock.in(hours(2)),
      ends_at: t.clock.in(hours(4)),
      ...body,
    });
    expect(res.status, res.text).toBe(201);
    return res.json.data;
  }
  const get = async (id: string) => (await t.call("GET", `/api/v1/maintenances/${id}`)).json.data;
  const componentStatus = async (slug: string) =>
    (await t.call("GET", "/api/v1/components")).json.data.find((c: { slug: string }) => c.slug === slug).status;
  /** Runs the engine at the clock's time and returns the texts delivered by the log channel since `from`. */
  async function run(from = log.entries.length) {
    await engine.drain();
    return log.entries.slice(from).map((e) => e.text);
  }

  it("Should announce a maintenance with its window and keeps it apart from incidents", async () => {
    const m = await schedule();
    expect(m).toMatchObject({
      title: "Database upgrade",
      status: "scheduled",
      starts_at: "2026-11-23T14:00:00.000Z",
      ends_at: "2026-11-23T16:00:00.000Z",
      started_at: null,
      remind_before: "PT3600S",
      reminded_at: null,
      components: [{ slug: "api", status: "operational" }],
    });
    expect(m.id).toMatch(/^mnt_/);
    expect(m.updates).toHaveLength(1);
    expect(m.updates[0]).toMatchObject({ kind: "announced", status: "scheduled" });
    expect(await run()).toEqual([
      "We are upgrading the primary database. Planned for 23 Nov 2026, 14:00–16:00 UTC. We will post here when the work starts and when it is done.",
    ]);
    // The component is untouched until the work starts.
    expect(await componentStatus("api")).toBe("operational");

    const upcoming = await t.call("GET", "/api/v1/maintenances?state=upcoming");
    expect(upcoming.json.data.map((x: { id: string }) => x.id)).toEqual([m.id]);
    expect((await t.call("GET", "/api/v1/maintenances?state=active")).json.data).toEqual([]);
    // Not an incident: not listed, not readable or updatable as one.
    expect((await t.call("GET", "/api/v1/incidents")).json.data).toEqual([]);
    const asIncident = await t.call("GET", `/api/v1/incidents/${m.id}`);
    expect(asIncident.status).toBe(404);
    expect(asIncident.json.error.message).toContain(`/api/v1/maintenances/${m.id}`);
    const update = await t.call("POST", `/api/v1/incidents/${m.id}/updates`, { message: "x" });
    expect(update.status).toBe(409);
    expect((await t.call("GET", "/api/v1/maintenances/mnt_nope")).status).toBe(404);
  });

  it("Should refuse bad input with 400 naming the field, and writes nothing", async () => {
    const base = {
      title: "Upgrade",
      message: "Work.",
      components: ["api"],
      starts_at: t.clock.in(hours(2)),
      ends_at: t.clock.in(hours(3)),
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ starts_at: t.clock.in(-minutes(5)) }, "starts_at"],
      [{ ends_at: t.clock.in(hours(1)) }, "ends_at"],
      [{ ends_at: t.clock.in(hours(2) + 86_400_000 * 15) }, "ends_at"],
      [{ starts_at: "tomorrow" }, "starts_at"],
      [{ components: ["nope"] }, "components"],
      [{ components: ["Not A Slug"] }, "components.0"],
      [{ remind_before: "1 hour" }, "remind_before"],
      [{ remind_before: "P30D" }, "remind_before"],
      [{ title: "" }, "title"],
      [{ message: undefined }, "message"],
      [{ status: "in_progress" }, "status"],
    ];
    for (const [change, field] of cases) {
      const res = await t.call("POST", "/api/v1/maintenances", { ...base, ...change });
      expect(res.status, `${JSON.stringify(change)}: ${res.text}`).toBe(400);
      expect(res.json.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await t.db.select().from(incidents)).toEqual([]);
    expect(log.entries).toEqual([]);
    // A key without incidents:write may not schedule.
    const key = await t.call("POST", "/api/v1/api-keys", { name: "reader", scopes: ["subscribers:read"] });
    const denied = await t.call("POST", "/api/v1/maintenances", base, { token: key.json.key });
    expect(denied.status).toBe(403);
  });

  it("Should remind, start on time, and complete, giving components back their former status", async () => {
    // web is already degraded by hand before the work; it must come back degraded, not operational.
    await t.call("PATCH", "/api/v1/components/web", { status: "degraded_performance" });
    const m = await schedule({ components: ["api", "web"], remind_before: "PT30M" });
    await run();

    t.clock.advance(hours(1) + minutes(29));
    expect(await run()).toEqual([]);
    t.clock.advance(minutes(1));
    expect(await run()).toEqual([
      "Reminder: this maintenance starts at 23 Nov 2026, 14:00 UTC, in 30 minutes. Planned for 23 Nov 2026, 14:00–16:00 UTC. We will post here when the work starts and when it is done.",
    ]);
    expect(await run()).toEqual([]); // once only

    t.clock.advance(minutes(30));
    expect(await run()).toEqual([
      "The scheduled maintenance has started. We expect to finish by 16:00 UTC. We will post here when the work is done.",
    ]);
    expect(await componentStatus("api")).toBe("under_maintenance");
    expect(await componentStatus("web")).toBe("under_maintenance");
    const started = await get(m.id);
    expect(started).toMatchObject({
      status: "in_progress",
      started_at: "2026-11-23T14:00:00.000Z",
      expected_end: "2026-11-23T16:00:00.000Z",
    });
    expect(started.updates.map((u: { kind: string }) => u.kind)).toEqual(["started", "reminder", "announced"]);
    expect((await t.call("GET", "/api/v1/maintenances?state=active")).json.data).toHaveLength(1);

    const verifying = await t.call("POST", `/api/v1/maintenances/${m.id}/updates`, {
      message: "The upgrade is done; we are checking it.",
      status: "verifying",
    });
    expect(verifying.status, verifying.text).toBe(201);
    expect(verifying.json.data.status).toBe("verifying");
    expect(await run()).toEqual([
      "The upgrade is done; we are checking it. We expect to finish by 16:00 UTC. We will post here when the work is done.",
    ]);

    t.clock.advance(minutes(90));
    const done = await t.call("POST", `/api/v1/maintenances/${m.id}/complete`);
    expect(done.status, done.text).toBe(200);
    expect(done.json.data).toMatchObject({ status: "completed", completed_at: "2026-11-23T15:30:00.000Z" });
    expect(await run()).toEqual(["The scheduled maintenance has been completed. Completed after 1 hour 30 minutes."]);
    expect(await componentStatus("api")).toBe("operational");
    expect(await componentStatus("web")).toBe("degraded_performance");
    // Met its planned end: the ETA ledger says so.
    const [done2] = await t.db.select().from(incidents).where(eq(incidents.id, m.id));
    expect(done2.eta).toBeNull();
    expect((await get(m.id)).promises.eta).toMatchObject({ made: 1, met: 1, missed: 0 });

    const again = await t.call("POST", `/api/v1/maintenances/${m.id}/complete`);
    expect(again.status).toBe(409);
    expect((await t.call("PATCH", `/api/v1/maintenances/${m.id}`, { title: "x" })).status).toBe(409);
  });

  it("Should be honest about an overrun: apologise, keep promising updates, and say by how much at the end", async () => {
    const m = await schedule({ remind_before: null });
    t.clock.advance(hours(2));
    await run();
    expect(await componentStatus("api")).toBe("under_maintenance");

    t.clock.advance(hours(2));
    expect(await run()).toEqual([
      "This maintenance was planned to finish by 16:00 UTC and is not done yet. We're sorry it is taking longer than we said. We don't have a new finish time yet; next update by 16:30 UTC.",
    ]);
    t.clock.advance(minutes(30));
    const [holding] = await run();
    expect(holding).toContain("we are still carrying out the maintenance");
    expect(holding).toContain("We don't have a new finish time yet.");
    expect(holding).toContain("Next update by 17:00 UTC.");
    expect((await get(m.id)).expected_end).toBeNull();

    // A new expected end, given by an engineer, is a promise again.
    const moved = await t.call("PATCH", `/api/v1/maintenances/${m.id}`, {
      ends_at: t.clock.in(hours(1)),
      message: "The data copy is slower than planned.",
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json.data.expected_end).toBe("2026-11-23T17:30:00.000Z");
    expect(await run()).toEqual([
      "The data copy is slower than planned. We now expect to finish by 17:30 UTC, later than the 16:00 UTC we gave before. We will post here when the work is done.",
    ]);

    t.clock.advance(minutes(45));
    await t.call("POST", `/api/v1/maintenances/${m.id}/complete`, { message: "All done." });
    expect(await run()).toEqual([
      "All done. Completed after 3 hours 15 minutes. That was 1 hour 15 minutes later than the planned end of 16:00 UTC; we're sorry.",
    ]);
    expect(await componentStatus("api")).toBe("operational");
    expect((await get(m.id)).promises.eta).toMatchObject({ missed: 1 });
  });

  it("Should never hide an outage behind maintenance", async () => {
    const incident = await t.declare({ components: { api: "major_outage" } });
    const m = await schedule({ remind_before: null });
    t.clock.advance(hours(2));
    await run();
    expect(await componentStatus("api")).toBe("major_outage");
    // The incident resolves during the work: the component is under maintenance again.
    await t.postUpdate(incident.id, { status: "resolved", message: "Fixed." });
    expect(await componentStatus("api")).toBe("under_maintenance");
    await t.call("POST", `/api/v1/maintenances/${m.id}/complete`);
    expect(await componentStatus("api")).toBe("operational");
  });

  it("Should announce a rescheduling with both windows and move the reminder", async () => {
    const m = await schedule();
    await run();
    const res = await t.call("PATCH", `/api/v1/maintenances/${m.id}`, {
      starts_at: "2026-11-24T02:00:00Z",
      ends_at: "2026-11-24T03:00:00Z",
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toMatchObject({ starts_at: "2026-11-24T02:00:00.000Z", ends_at: "2026-11-24T03:00:00.000Z" });
    expect(await run()).toEqual([
      "Rescheduled: this maintenance now takes place 24 Nov 2026, 02:00–03:00 UTC (it was planned for 23 Nov 2026, 14:00–16:00 UTC). We will post here when the work starts and when it is done.",
    ]);
    // The old reminder time (13:00) passes quietly; the new one comes at 01:00.
    t.clock.advance(hours(1));
    expect(await run()).toEqual([]);
    t.clock.now = new Date("2026-11-24T01:00:00Z");
    expect(await run()).toEqual([
      expect.stringMatching(/^Reminder: this maintenance starts at 24 Nov 2026, 02:00 UTC, in 1 hour\./),
    ]);
    // A silent edit posts nothing.
    const renamed = await t.call("PATCH", `/api/v1/maintenances/${m.id}`, { title: "Database upgrade (v16)" });
    expect(renamed.json.data.title).toBe("Database upgrade (v16)");
    expect(await run()).toEqual([]);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.targetId, m.id));
    expect(audit.map((a) => a.action)).toEqual(["maintenance.schedule", "maintenance.reschedule", "maintenance.edit"]);
  });

  it("Should cancel before the start and refuse what makes no sense", async () => {
    const m = await schedule();
    expect((await t.call("POST", `/api/v1/maintenances/${m.id}/complete`)).status).toBe(409);
    const res = await t.call("POST", `/api/v1/maintenances/${m.id}/cancel`, {
      message: "We no longer need this work.",
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toMatchObject({ status: "cancelled", completed_at: "2026-11-23T12:00:00.000Z" });
    expect(await run()).toContain(
      "We no longer need this work. The work planned for 23 Nov 2026, 14:00–16:00 UTC will not take place; service is not affected.",
    );
    expect((await t.call("POST", `/api/v1/maintenances/${m.id}/cancel`)).status).toBe(409);
    // Its start time passes: nothing starts.
    t.clock.advance(hours(3));
    expect(await run()).toEqual([]);
    expect(await componentStatus("api")).toBe("operational");

    const other = await schedule({ remind_before: "PT0S" });
    t.clock.advance(hours(2));
    await run();
    const cancelLate = await t.call("POST", `/api/v1/maintenances/${other.id}/cancel`);
    expect(cancelLate.status).toBe(409);
    expect(cancelLate.json.error.message).toContain("complete it instead");
    const move = await t.call("PATCH", `/api/v1/maintenances/${other.id}`, { starts_at: t.clock.in(hours(1)) });
    expect(move.status).toBe(400);
    expect(move.json.error.details[0].field).toBe("starts_at");
    const early = await t.call("POST", `/api/v1/maintenances/${other.id}/updates`, {
      message: "x",
      status: "resolved",
    });
    expect(early.status).toBe(400);
  });

  it("Should start the work on the running engine's own timer, not on a poll", async () => {
    const m = await schedule({ remind_before: null });
    await run();
    // A running engine on the real clock, with a start 300 ms away: nothing
    // wakes it but the timer it armed for that start.
    const realLog = createLogChannel();
    const live = createEngine({ db: t.db, config: t.config, clock: () => new Date(), channels: [realLog] });
    const startsAt = new Date(Date.now() + 300);
    await t.db
      .update(incidents)
      .set({ scheduledFor: startsAt, scheduledUntil: new Date(startsAt.getTime() + hours(1)) })
      .where(eq(incidents.id, m.id));
    await live.start();
    try {
      await expect
        .poll(() => realLog.entries.map((e) => e.kind), { timeout: 10_000, interval: 20 })
        .toEqual(["started"]);
    } finally {
      await live.stop();
    }
    const [row] = await t.db.select().from(incidents).where(eq(incidents.id, m.id));
    expect(row.status).toBe("in_progress");
    // Never before its time.
    expect(row.startedAt.getTime()).toBeGreaterThanOrEqual(startsAt.getTime());
  });
});

describe.each(databaseKinds)("maintenance and peak hours on %s", (kind) => {
  let t: TestApp;
  afterEach(() => t?.close());

  async function start(peak: string) {
    t = await startTestApp(kind, { env: { PEAK_HOURS: peak }, channels: [createLogChannel()] });
    await t.call("POST", "/api/v1/components", { slug: "api", name: "API" });
  }
  const schedule = (starts: string, ends: string, extra: Record<string, unknown> = {}) =>
    t.call("POST", "/api/v1/maintenances", {
      title: "Upgrade",
      message: "Work.",
      components: ["api"],
      starts_at: starts,
      ends_at: ends,
      ...extra,
    });

  it("Should refuse a window in peak hours with 409 naming the overlap and the nearest off-peak slot", async () => {
    await start("Mon-Fri 08:00-20:00 Europe/London");
    // Tuesday 24 Nov 2026, 09:00-10:00 London (GMT): peak.
    const res = await schedule("2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z");
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("CONFLICT");
    expect(res.json.error.message).toContain("peak hours (Mon-Fri 08:00-20:00 Europe/London)");
    expect(res.json.error.message).toContain("Tue 24 Nov 09:00-10:00 Europe/London (GMT)");
    expect(res.json.error.message).toContain("nearest off-peak window of the same length is Tue 24 Nov 07:00-08:00");
    expect(res.json.error.suggested_window).toEqual({
      starts_at: "2026-11-24T07:00:00.000Z",
      ends_at: "2026-11-24T08:00:00.000Z",
    });
    expect(res.json.error.peak_overlap).toMatchObject({ starts_at: "2026-11-24T09:00:00.000Z" });
    expect(res.json.error.details.map((d: { field: string }) => d.field)).toEqual(["starts_at", "allow_peak_hours"]);
    expect(await t.db.select().from(incidents)).toEqual([]);

    // The suggested window is accepted as it is.
    const ok = await schedule(res.json.error.suggested_window.starts_at, res.json.error.suggested_window.ends_at);
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json.data.allow_peak_hours).toBe(false);
  });

  it("Should let the caller override, and record the override in the audit log", async () => {
    await start("Mon-Fri 08:00-20:00 Europe/London");
    const res = await schedule("2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", { allow_peak_hours: true });
    expect(res.status, res.text).toBe(201);
    expect(res.json.data.allow_peak_hours).toBe(true);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, res.json.data.id));
    expect(entry.action).toBe("maintenance.schedule");
    expect(entry.actor).toBe("CANDOR_ADMIN_TOKEN");
    const override = entry.details.peakHoursOverride as Record<string, unknown>;
    expect(override.reason).toContain("Tue 24 Nov 09:00-10:00 Europe/London (GMT)");
    expect(override.peak_overlap).toMatchObject({ rule: "Mon-Fri 08:00-20:00 Europe/London" });

    // Moving it to another peak window needs the override again.
    const id = res.json.data.id;
    const moved = await t.call("PATCH", `/api/v1/maintenances/${id}`, {
      starts_at: "2026-11-25T12:00:00Z",
      ends_at: "2026-11-25T13:00:00Z",
    });
    expect(moved.status).toBe(409);
    expect(moved.json.error.suggested_window).toEqual({
      starts_at: "2026-11-25T07:00:00.000Z",
      ends_at: "2026-11-25T08:00:00.000Z",
    });
    const offPeak = await t.call("PATCH", `/api/v1/maintenances/${id}`, {
      starts_at: "2026-11-25T20:00:00Z",
      ends_at: "2026-11-25T21:00:00Z",
    });
    expect(offPeak.status, offPeak.text).toBe(200);
    expect(offPeak.json.data.allow_peak_hours).toBe(false);
  });

  it("Should read peak hours in their own zone, across a DST change", async () => {
    await start("Mon-Fri 09:00-17:00 America/New_York");
    // Friday 12 Mar 2027, 13:30 UTC is 08:30 EST: before New York's peak.
    const before = await schedule("2027-03-12T13:30:00Z", "2027-03-12T14:00:00Z");
    expect(before.status, before.text).toBe(201);
    // Monday 15 Mar 2027 (after clocks went forward on the 14th), 13:30 UTC is 09:30 EDT: peak.
    const after = await schedule("2027-03-15T13:30:00Z", "2027-03-15T14:00:00Z");
    expect(after.status).toBe(409);
    expect(after.json.error.message).toContain("Mon 15 Mar 09:30-10:00 America/New_York (GMT-4)");
    // The nearest off-peak half hour ends as peak starts, at 09:00 EDT = 13:00 UTC.
    expect(after.json.error.suggested_window).toEqual({
      starts_at: "2027-03-15T12:30:00.000Z",
      ends_at: "2027-03-15T13:00:00.000Z",
    });
  });

  it("Should schedule freely when PEAK_HOURS is unset", async () => {
    t = await startTestApp(kind, { channels: [createLogChannel()] });
    await t.call("POST", "/api/v1/components", { slug: "api", name: "API" });
    const res = await schedule("2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z");
    expect(res.status, res.text).toBe(201);
  });
});
