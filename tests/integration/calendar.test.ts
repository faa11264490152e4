// The maintenance calendar (/maintenance.ics and /api/v2/scheduled-maintenances.ics)
// through the HTTP API on a fake clock, read back by ical.js as a calendar
// client would: the events' fields, SEQUENCE across reschedules and a
// cancellation, what "recent" keeps, escaping and folding, and the cache.
import ICAL from "ical.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createLogChannel } from "../../src/channels/log.ts";
import { databaseHealth } from "../../src/db/health.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { manualTimers } from "../support/outage.ts";
import { days, hours, minutes } from "../support/time.ts";

/** Every line ends in CRLF and holds at most 75 octets (RFC 5545 3.1). */
function checkLines(ics: string) {
  expect(ics.endsWith("\r\n")).toBe(true);
  expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of ics.split("\r\n")) expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75);
}

type Event = {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  description: string;
  url: string;
  start: string;
  end: string;
  stamp: string;
};

describe.each(databaseKinds)("maintenance calendar on %s", (kind) => {
  let t: TestApp;
  let closed = false;

  beforeEach(async () => {
    t = await startTestApp(kind, { channels: [createLogChannel()] });
    for (const [slug, name] of [
      ["api", "API"],
      ["db", "Database, primary"],
    ]) {
      const res = await t.call("POST", "/api/v1/components", { slug, name });
      expect(res.status, res.text).toBe(201);
    }
  });
  afterEach(async () => {
    if (!closed) await t?.close();
    closed = false;
  });

  async function schedule(body: Record<string, unknown> = {}) {
    const res = await t.call("POST", "/api/v1/maintenances", {
      title: "Database upgrade",
      message: "We are upgrading the primary database.",
      components: ["api", "db"],
      starts_at: t.clock.in(hours(2)),
      ends_at: t.clock.in(hours(4)),
      ...body,
    });
    expect(res.status, res.text).toBe(201);
    return res.json.data.id as string;
  }

  /** Fetches the calendar, checks its type and lines, and parses it with ical.js. */
  async function calendar(path = "/maintenance.ics"): Promise<{ ics: string; name: string; events: Event[] }> {
    const res = await t.app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const ics = await res.text();
    checkLines(ics);
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.name).toBe("vcalendar");
    expect(cal.getFirstPropertyValue("version")).toBe("2.0");
    expect(cal.getFirstPropertyValue("prodid")).toEqual(expect.any(String));
    const events = cal.getAllSubcomponents("vevent").map((v) => {
      const e = new ICAL.Event(v);
      const utc = (name: string) => (v.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
      expect(v.getFirstProperty("dtstart")?.toICALString()).toMatch(/^DTSTART:\d{8}T\d{6}Z$/);
      return {
        uid: e.uid,
        sequence: e.sequence,
        status: String(v.getFirstPropertyValue("status")),
        summary: e.summary,
        description: e.description,
        url: String(v.getFirstPropertyValue("url")),
        start: utc("dtstart"),
        end: utc("dtend"),
        stamp: utc("dtstamp"),
      };
    });
    return { ics, name: String(cal.getFirstPropertyValue("x-wr-calname")), events };
  }

  it("Should answer an empty calendar when nothing is planned, at both paths", async () => {
    const { ics, events, name } = await calendar();
    expect(events).toEqual([]);
    expect(name).toBe("Status maintenance");
    expect((await calendar("/api/v2/scheduled-maintenances.ics")).ics).toBe(ics);
  });

  it("Should show a scheduled maintenance with its window in UTC, components and public page", async () => {
    const id = await schedule();
    const { events } = await calendar();
    expect(events).toEqual([
      {
        uid: `${id}@status.test`,
        sequence: 0,
        status: "CONFIRMED",
        summary: "Database upgrade",
        description: "We are upgrading the primary database.\n\nComponents affected: API, Database, primary",
        url: `http://status.test/incidents/${id}`,
        start: "2026-11-23T14:00:00.000Z",
        end: "2026-11-23T16:00:00.000Z",
        stamp: "2026-11-23T12:00:00.000Z",
      },
    ]);
    expect((await calendar("/api/v2/scheduled-maintenances.ics")).events).toEqual(events);
    const home = await (await t.app.request("/")).text();
    expect(home).toContain('<a href="/maintenance.ics" type="text/calendar">Add to calendar</a>');
  });

  it("Should raise SEQUENCE on each reschedule and on the cancellation, keeping the UID", async () => {
    const id = await schedule();
    const other = await schedule({
      title: "Cache flush",
      starts_at: t.clock.in(hours(6)),
      ends_at: t.clock.in(hours(7)),
    });
    t.clock.advance(hours(1));
    const moved = await t.call("PATCH", `/api/v1/maintenances/${id}`, {
      starts_at: t.clock.in(hours(24)),
      ends_at: t.clock.in(hours(26)),
    });
    expect(moved.status, moved.text).toBe(200);
    // A title change alone is no reschedule.
    expect((await t.call("PATCH", `/api/v1/maintenances/${id}`, { title: "Database upgrade (v17)" })).status).toBe(200);
    let [first, second] = (await calendar()).events;
    expect(first).toMatchObject({ uid: `${other}@status.test`, sequence: 0 });
    expect(second).toMatchObject({
      uid: `${id}@status.test`,
      sequence: 1,
      status: "CONFIRMED",
      summary: "Database upgrade (v17)",
      start: "2026-11-24T13:00:00.000Z",
      end: "2026-11-24T15:00:00.000Z",
      stamp: "2026-11-23T13:00:00.000Z",
    });
    expect((await t.call("PATCH", `/api/v1/maintenances/${id}`, { ends_at: t.clock.in(hours(27)) })).status).toBe(200);
    expect((await calendar()).events[1]).toMatchObject({ sequence: 2, end: "2026-11-24T16:00:00.000Z" });

    const cancel = await t.call("POST", `/api/v1/maintenances/${id}/cancel`, { message: "Postponed; new date soon." });
    expect(cancel.status, cancel.text).toBe(200);
    [first, second] = (await calendar()).events;
    expect(second).toMatchObject({ uid: `${id}@status.test`, sequence: 3, status: "CANCELLED" });
    expect(second.description).toContain("Latest update: Postponed; new date soon.");
    expect(first).toMatchObject({ sequence: 0, status: "CONFIRMED" });
  });

  it("Should keep completed work for 30 days after it ended, then leave it out", async () => {
    const id = await schedule();
    t.clock.advance(hours(2));
    await (t.engine as Engine).drain();
    const done = await t.call("POST", `/api/v1/maintenances/${id}/complete`, { message: "All done." });
    expect(done.status, done.text).toBe(200);
    const [event] = (await calendar()).events;
    expect(event).toMatchObject({ uid: `${id}@status.test`, sequence: 0, status: "CONFIRMED" });
    expect(event.description).toBe(
      "We are upgrading the primary database.\n\nLatest update: All done.\n\nComponents affected: API, Database, primary",
    );
    t.clock.advance(days(29));
    expect((await calendar()).events).toHaveLength(1);
    t.clock.advance(days(2));
    expect((await calendar()).events).toEqual([]);
  });

  it("Should escape commas, semicolons, backslashes and newlines, and fold long unicode lines whole", async () => {
    const title = `Upgrade; step 1, step 2 \\ then Zürich 東京 🚀 ${"long words ".repeat(8)}`.trim();
    const message = "Line one, with a comma;\nline two\r\nline three \\n literal";
    const id = await schedule({ title, message });
    const { ics, events } = await calendar();
    expect(events[0]).toMatchObject({ summary: title, uid: `${id}@status.test` });
    expect(events[0].description).toBe(
      "Line one, with a comma;\nline two\nline three \\n literal\n\nComponents affected: API, Database, primary",
    );
    expect(ics).toContain("SUMMARY:Upgrade\\; step 1\\, step 2 \\\\ then Zürich");
    expect(ics).toMatch(/\r\n [^\r]/); // folded
    // No character is cut in two by a fold.
    expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(ics))).toBe(ics);
  });

  it("Should be cached: an ETag, 304 on a match, and a new body once a maintenance changes", async () => {
    const first = await t.app.request("/maintenance.ics");
    const tag = first.headers.get("etag");
    expect(tag).toBeTruthy();
    expect(first.headers.get("cache-control")).toContain("stale-if-error");
    const again = await t.app.request("/maintenance.ics", { headers: { "if-none-match": tag as string } });
    expect(again.status).toBe(304);
    await schedule();
    const after = await t.app.request("/maintenance.ics", { headers: { "if-none-match": tag as string } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain("SUMMARY:Database upgrade");
  });

  it("Should keep serving the last calendar while the database is down, and answer 503 where there is none", async () => {
    await schedule();
    const timers = manualTimers();
    const health = databaseHealth({ probe: () => Promise.reject(new Error("down")), schedule: timers.schedule });
    const app = createApp({ db: t.db, config: t.config, clock: t.clock.read, dbHealth: health });
    const before = await (await app.request("/maintenance.ics")).text();
    expect(before).toContain("SUMMARY:Database upgrade");
    health.markDown();
    t.clock.advance(minutes(2)); // a fresh render would be due
    await t.close(); // the database is gone
    closed = true;
    const during = await app.request("/maintenance.ics");
    expect(during.status).toBe(200);
    expect(during.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(await during.text()).toBe(before);
    // Never rendered in this process: nothing to serve, and an honest 503 (on PGlite too, closed), never a 500.
    const never = await app.request("/api/v2/scheduled-maintenances.ics");
    expect(never.status).toBe(503);
    expect((await never.json()).error.code).toBe("DATABASE_UNAVAILABLE");
  });
});
