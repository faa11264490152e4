import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogChannel } from "../../src/channels/log.ts";
import { auditLog, etaRevisions, incidents, incidentUpdates, outbox } from "../../src/db/schema/index.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { days, hours, minutes } from "../support/time.ts";

describe.each(databaseKinds)("backfilling past incidents on %s", (kind) => {
  let t: TestApp;
  let engine: Engine;
  let slugs = 0;

  beforeAll(async () => {
    t = await startTestApp(kind, { channels: [createLogChannel()] });
    engine = t.engine as Engine;
  });
  afterAll(() => t.close());

  /** A component of the test's own, so overlaps never cross tests whatever their order. */
  async function component() {
    const slug = `c${++slugs}`;
    const res = await t.call("POST", "/api/v1/components", { slug, name: `Component ${slugs}` });
    expect(res.status, res.text).toBe(201);
    return slug;
  }

  /** A past incident on `slug`, from `agoMs` before now, lasting `lastingMs`: two updates then its resolution. */
  function pastIncident(slug: string, agoMs: number, lastingMs: number, title = "Search was down") {
    const start = t.clock.read().getTime() - agoMs;
    const at = (ms: number) => new Date(start + ms).toISOString();
    return {
      backfill: true,
      title,
      components: { [slug]: "major_outage" },
      started_at: at(0),
      resolved_at: at(lastingMs),
      updates: [
        { status: "investigating", message: "Search returns errors.", at: at(minutes(5)) },
        { status: "identified", message: "A bad index.", at: at(lastingMs / 2) },
        { status: "resolved", message: "Search works again.", at: at(lastingMs) },
      ],
    };
  }

  const tableCounts = () =>
    Promise.all(
      [incidents, incidentUpdates, etaRevisions, outbox, auditLog].map((x) => t.db.select({ n: count() }).from(x)),
    ).then((r) => r.map(([x]) => x.n));

  it("Should record a past incident that sends nothing, promises nothing, and gets no automatic updates", async () => {
    const slug = await component();
    const body = pastIncident(slug, days(2), hours(2));
    const outboxBefore = (await t.db.select({ n: count() }).from(outbox))[0].n;
    const res = await t.call("POST", "/api/v1/incidents", body);
    expect(res.status, res.text).toBe(201);
    const inc = res.json.data;
    expect(inc).toMatchObject({
      title: "Search was down",
      status: "resolved",
      impact: "critical",
      started_at: body.started_at,
      resolved_at: body.resolved_at,
      eta: null,
      next_update_due_at: null,
      backfilled: true,
      recorded_at: t.clock.read().toISOString(),
      eta_revisions: [],
      components: [{ slug, status: "operational" }],
    });
    expect(inc.updates.map((u: { created_at: string; status: string }) => [u.created_at, u.status])).toEqual(
      body.updates.map((u) => [u.at, u.status]).reverse(),
    );
    for (const u of inc.updates) {
      expect(u).toMatchObject({ notify: { twitter: false, email: false, webhook: false }, next_update_due_at: null });
    }
    expect(inc.updates[0].message).toBe("Search works again.");
    expect((await t.db.select({ n: count() }).from(outbox))[0].n, "no outbox rows").toBe(outboxBefore);
    const ids = inc.updates.map((u: { id: string }) => u.id);
    expect(await t.db.select().from(etaRevisions).where(eq(etaRevisions.incidentId, inc.id))).toEqual([]);
    const [{ status }] = (await t.call("GET", "/api/v1/components")).json.data.filter(
      (c: { slug: string }) => c.slug === slug,
    );
    expect(status, "components keep today's status").toBe("operational");
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, inc.id));
    expect(audit.action).toBe("incident.backfill");

    // Time passes and the engine runs: nothing is due for a backfill, nothing is sent.
    t.clock.advance(hours(3));
    await engine.drain();
    const after = await t.db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, inc.id));
    expect(after).toHaveLength(3);
    expect(await t.db.select().from(outbox).where(inArray(outbox.updateId, ids))).toEqual([]);
  });

  it("Should show a backfill in /history, the 90-day bars, the feeds and v2", async () => {
    const slug = await component();
    const res = await t.call("POST", "/api/v1/incidents", pastIncident(slug, days(5), hours(1), "Billing was slow"));
    expect(res.status, res.text).toBe(201);
    const { id } = res.json.data;
    const get = async (url: string) => (await t.call("GET", url, undefined, { token: null })).text;
    expect(await get("/history")).toContain(`/incidents/${id}`);
    expect(await get("/"), "the 90-day bars").toContain(`/incidents/${id}`);
    for (const feed of ["/history.atom", "/history.rss"]) expect(await get(feed), feed).toContain("Billing was slow");
    const page = await get(`/incidents/${id}`);
    expect(page).toContain("Search works again.");
    expect(page).toContain("Recorded afterwards");
    const v2 = (await t.call("GET", "/api/v2/incidents.json", undefined, { token: null })).json.incidents.find(
      (i: { id: string }) => i.id === id,
    );
    expect(v2).toMatchObject({ name: "Billing was slow", status: "resolved" });
    expect(v2.incident_updates).toHaveLength(3);
    expect(v2.incident_updates[0].body).toMatch(/^Search works again\. Resolved after 1 h/);
    expect(v2.incident_updates.every((u: { deliver_notifications: boolean }) => !u.deliver_notifications)).toBe(true);
  });

  it("Should leave a backfill out of the promise statistics", async () => {
    const stats = async () => (await t.call("GET", "/api/v1/stats/promises")).json.data;
    const before = await stats();
    const slug = await component();
    expect((await t.call("POST", "/api/v1/incidents", pastIncident(slug, days(3), hours(1)))).status).toBe(201);
    expect(await stats()).toEqual(before);
  });

  it("Should refuse times in the future, out of order or outside the incident, naming the field and writing nothing", async () => {
    const slug = await component();
    const now = t.clock.read().getTime();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    const good = pastIncident(slug, hours(4), hours(2));
    const cases: [string, Record<string, unknown>, string][] = [
      ["resolved in the future", { ...good, resolved_at: iso(minutes(10)) }, "resolved_at"],
      ["started in the future", { ...good, started_at: iso(hours(1)), resolved_at: iso(hours(2)) }, "started_at"],
      ["resolved before started", { ...good, resolved_at: iso(-hours(5)) }, "resolved_at"],
      [
        "an update before started_at",
        { ...good, updates: [{ ...good.updates[0], at: iso(-hours(5)) }, ...good.updates.slice(1)] },
        "updates.0.at",
      ],
      [
        "updates out of order",
        { ...good, updates: [good.updates[1], good.updates[0], good.updates[2]] },
        "updates.1.at",
      ],
      [
        "the same time twice",
        { ...good, updates: [good.updates[0], { ...good.updates[1], at: good.updates[0].at }, good.updates[2]] },
        "updates.1.at",
      ],
      ["no resolving update", { ...good, updates: good.updates.slice(0, 2) }, "updates.1.status"],
      ["a promise", { ...good, eta: iso(hours(1)) }, "eta"],
      ["a message", { ...good, message: "Hello" }, "message"],
      ["no updates", { ...good, updates: undefined }, "updates"],
      ["times without backfill", { ...good, backfill: false, message: "Now" }, "started_at"],
    ];
    const before = await tableCounts();
    for (const [what, body, field] of cases) {
      const res = await t.call("POST", "/api/v1/incidents", body);
      expect(res.status, `${what}: ${res.text}`).toBe(400);
      expect(
        res.json.error.details.map((d: { field: string }) => d.field),
        `${what}: ${res.text}`,
      ).toContain(field);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("Should refuse a backfill overlapping another incident on the same component, and allow one that only touches it", async () => {
    const slug = await component();
    const other = await component();
    expect((await t.call("POST", "/api/v1/incidents", pastIncident(slug, hours(10), hours(2)))).status).toBe(201);

    const overlapping = await t.call("POST", "/api/v1/incidents", pastIncident(slug, hours(9), hours(2)));
    expect(overlapping.status, overlapping.text).toBe(409);
    expect(overlapping.json.error.message).toMatch(/^started_at: this backfill overlaps incident inc_/);
    expect(overlapping.json.error.details).toEqual([
      { field: `components.${slug}`, message: expect.stringMatching(/overlaps started_at to resolved_at$/) },
    ]);
    // [started, resolved) intervals: one starting as the other ended does not overlap.
    expect((await t.call("POST", "/api/v1/incidents", pastIncident(slug, hours(8), hours(1)))).status).toBe(201);
    // The same times on another component are another outage.
    expect((await t.call("POST", "/api/v1/incidents", pastIncident(other, hours(9), hours(2)))).status).toBe(201);

    // An open incident runs on until now: a backfill inside it is refused.
    const open = await t.declare({ title: "Still broken", components: { [other]: "partial_outage" } });
    t.clock.advance(hours(2));
    const inOpen = await t.call("POST", "/api/v1/incidents", pastIncident(other, hours(1), minutes(30)));
    expect(inOpen.status, inOpen.text).toBe(409);
    expect(inOpen.json.error.message).toContain(open.id);
    expect(inOpen.json.error.message).toContain("still open");
  });
});
