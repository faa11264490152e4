// The record in public (PAGE_SHOW_RECORD): the line on /, the /record page,
// the v2 field, all absent when off, and /record served from the last render
// while the database is down, as the other pages are.
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { databaseHealth } from "../../src/db/health.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { manualTimers } from "../support/outage.ts";
import { minutes } from "../support/time.ts";

const nasty = '<script>alert(1)</script> "quotes" & <b>tags</b>';
const nastyEscaped = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;";
const line =
  "In the last 90 days we posted 66% of promised updates on time and met 1 of 2 estimates of when service would be back.";

describe.each(databaseKinds)("the record in public on %s", (kind) => {
  let t: TestApp;
  let closed = false;
  afterEach(async () => {
    if (!closed) await t.close();
    closed = false;
  });

  const page = (path: string) => t.call("GET", path, undefined, { token: null });

  /**
   * Declared by a key with a person's name: A missed its ETA by 15 min and
   * one of its two update promises; B met its ETA and its promise; C is open
   * with its ETA still ahead; a maintenance and a backfill are left out.
   */
  async function history() {
    await t.call("POST", "/api/v1/components", { slug: "db", name: "Database" });
    const key = await t.call("POST", "/api/v1/api-keys", { name: "Jane Oncall", scopes: ["incidents:write"] });
    const token = key.json.key as string;
    const declare = async (body: Record<string, unknown>) => {
      const res = await t.call("POST", "/api/v1/incidents", { message: "Looking.", ...body }, { token });
      expect(res.status, res.text).toBe(201);
      return res.json.data.id as string;
    };
    const post = (id: string, body: Record<string, unknown>) =>
      t.call("POST", `/api/v1/incidents/${id}/updates`, body, { token });

    // Recorded afterwards: nobody was told of it, it promised nothing, the record leaves it out.
    const backfill = await t.call("POST", "/api/v1/incidents", {
      backfill: true,
      title: "Search was down",
      components: { db: "major_outage" },
      started_at: "2026-11-20T09:10:00Z",
      resolved_at: "2026-11-20T10:40:00Z",
      updates: [
        { status: "investigating", message: "Search returns errors.", at: "2026-11-20T09:15:00Z" },
        { status: "resolved", message: "Search works again.", at: "2026-11-20T10:40:00Z" },
      ],
    });
    expect(backfill.status, backfill.text).toBe(201);

    const a = await declare({ title: nasty, eta: t.clock.in(minutes(30)), next_update_in: "PT10M" });
    t.clock.advance(minutes(5));
    await post(a, { message: "Working on it." }); // before its promise: kept; promises the next at +35
    t.clock.advance(minutes(40));
    await post(a, { message: "Fixed.", status: "resolved" }); // the +35 promise missed; the ETA missed by 15 min

    const b = await declare({ title: "Slow search", eta: t.clock.in(minutes(60)) });
    t.clock.advance(minutes(20));
    await post(b, { message: "Fixed.", status: "resolved" }); // promise kept; ETA met 40 min early

    await t.scheduleMaintenance({ starts_at: t.clock.in(minutes(90)), ends_at: t.clock.in(minutes(150)) });
    const c = await declare({ title: "Email delays", eta: t.clock.in(minutes(45)) });
    return { a, b, c };
  }

  it("Should show nothing of the record when PAGE_SHOW_RECORD is off", async () => {
    t = await startTestApp(kind);
    await history();
    const home = await page("/");
    expect(home.status).toBe(200);
    expect(home.text).not.toContain("In the last 90 days");
    expect(home.text).not.toContain('href="/record"');
    const record = await page("/record");
    expect(record.status).toBe(404);
    expect(record.json.error.code).toBe("NOT_FOUND");
    for (const endpoint of ["summary", "status"]) {
      expect((await page(`/api/v2/${endpoint}.json`)).json).not.toHaveProperty("record");
    }
  });

  it("Should give the line on /, the month and every ETA on /record, and the v2 field, naming no one", async () => {
    t = await startTestApp(kind, { PAGE_SHOW_RECORD: "on" });
    const { a, b, c } = await history();

    const home = await page("/");
    expect(home.text).toContain(`<p>${line} <a href="/record">See our record month by month</a></p>`);
    expect(home.text).toContain('<a href="/record">Record</a>');

    const record = await page("/record");
    expect(record.status).toBe(200);
    expect(record.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = record.text.replace(/\s+/g, " ");
    expect(html).toContain(`<p>${line}</p>`);
    expect(html).toContain("since 25 Aug 2026");
    expect(html).toContain(
      '<tr><th scope="row">November 2026</th><td>3</td><td>2 of 3 (66%)</td><td>1 of 2</td><td>15 min</td></tr>',
    );
    expect(html).toContain(
      '<tr><th scope="row">August 2026</th><td>0</td><td>None due</td><td>None due</td><td>None missed</td></tr>',
    );
    // Newest first: C's current ETA, B's met, A's missed, each with its incident linked and escaped.
    const rows = [...html.matchAll(/<tr><td><a href="\/incidents\/([^"]+)">(.*?)<\/a><\/td>(.*?)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual([c, b, a]);
    expect(rows[2][2]).toBe(nastyEscaped);
    expect(html).not.toContain("<script>alert(1)");
    expect(rows[0][3]).toContain("Not yet");
    expect(rows[0][3]).toContain("Current estimate");
    expect(rows[1][3]).toContain("Met, 40 minutes early");
    expect(rows[2][3]).toMatch(
      /<time datetime="2026-11-23T12:30:00.000Z">12:30 UTC<\/time>.*12:45 UTC.*Missed by 15 minutes/,
    );
    for (const text of [home.text, record.text]) expect(text).not.toContain("Jane");

    for (const endpoint of ["summary", "status"]) {
      const json = (await page(`/api/v2/${endpoint}.json`)).json;
      expect(json.record).toEqual({
        days: 90,
        since: "2026-08-25T13:05:00.000+00:00",
        incidents: 3,
        updates_due: 3,
        updates_on_time: 2,
        etas_due: 2,
        etas_met: 1,
        text: line,
        url: "http://status.test/record",
      });
    }
    expect((await page("/api/v2/incidents.json")).json).not.toHaveProperty("record");
  });

  it("Should serve /record from its last render while the database is down", async () => {
    t = await startTestApp(kind, { PAGE_SHOW_RECORD: "on" });
    await history();
    const timers = manualTimers();
    const health = databaseHealth({ probe: () => Promise.reject(new Error("down")), schedule: timers.schedule });
    const app = createApp({ db: t.db, config: t.config, clock: t.clock.read, dbHealth: health });
    expect((await app.request("/record")).status).toBe(200);
    health.markDown();
    t.clock.advance(minutes(2)); // a fresh render would be due
    await t.close(); // the database is gone
    closed = true;
    const res = await app.request("/record");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("This page could not be refreshed since");
    expect(html).toContain(nastyEscaped);
  });
});
