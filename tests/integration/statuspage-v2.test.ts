// The public Statuspage v2 JSON API: envelopes and exact field sets as
// Statuspage gives them, group synthesis, the page indicator, timestamps in
// the page's own offset, CORS, and tweet ids after the X channel posted.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeX, fakeXCredentials, startFakeX } from "../../scripts/fake-x/server.ts";
import { createTwitterChannel } from "../../src/channels/twitter.ts";
import { loadConfig } from "../../src/config.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { statuspageTime } from "../../src/render/statuspage/time.ts";
import { describeWindow } from "../../src/render/window.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { readAnswer } from "../support/http.ts";
import { minutes } from "../support/time.ts";

const env = {
  PUBLIC_URL: "https://status.example.com",
  PAGE_NAME: "Example Status",
  PAGE_TIMEZONE: "America/New_York",
};

const componentKeys = [
  "id",
  "name",
  "status",
  "created_at",
  "updated_at",
  "position",
  "description",
  "showcase",
  "start_date",
  "group_id",
  "page_id",
  "group",
  "only_show_if_degraded",
];
const groupKeys = [...componentKeys, "components"];
const incidentKeys = [
  "id",
  "name",
  "status",
  "created_at",
  "updated_at",
  "monitoring_at",
  "resolved_at",
  "impact",
  "shortlink",
  "started_at",
  "page_id",
  "incident_updates",
  "components",
  // Candor's extra, which Statuspage clients ignore: when the name was corrected.
  "name_edited_at",
];
const updateKeys = [
  "id",
  "status",
  "body",
  "incident_id",
  "created_at",
  "updated_at",
  "display_at",
  "affected_components",
  "deliver_notifications",
  "custom_tweet",
  "tweet_id",
  // Candor's extra: when the body was corrected.
  "edited_at",
];
const componentStatuses = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
];
const incidentStatuses = ["investigating", "identified", "monitoring", "resolved", "postmortem"];
const impacts = ["none", "minor", "major", "critical"];
/** Statuspage's timestamps: milliseconds and a numeric offset, never Z. */
const offsetTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;
const sorted = (o: object) => Object.keys(o).sort();
const endpoints = [
  "summary",
  "status",
  "components",
  "incidents",
  "incidents/unresolved",
  "scheduled-maintenances",
  "scheduled-maintenances/upcoming",
  "scheduled-maintenances/active",
];

type Json = ReturnType<typeof JSON.parse>;

async function get(t: TestApp, path: string, init: RequestInit = {}) {
  const res = await t.app.request(path, init);
  return readAnswer(res);
}

/** Every timestamp field in an incident, its updates and components is in the page's offset form. */
function expectOffsetTimes(incident: Json) {
  for (const key of ["created_at", "updated_at", "started_at"]) expect(incident[key]).toMatch(offsetTime);
  for (const key of ["monitoring_at", "resolved_at"])
    if (incident[key] !== null) expect(incident[key]).toMatch(offsetTime);
  for (const u of incident.incident_updates) {
    for (const key of ["created_at", "updated_at", "display_at"]) expect(u[key]).toMatch(offsetTime);
  }
}

describe.each(databaseKinds)("Statuspage v2 JSON on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(kind, { env });
  });
  afterEach(() => t.close());

  const component = async (body: Record<string, unknown>) => {
    const res = await t.call("POST", "/api/v1/components", body);
    expect(res.status, res.text).toBe(201);
    return res.json.data.id as string;
  };

  it("Should answer every endpoint with Statuspage's envelope, JSON, CORS and HEAD", async () => {
    const envelopes: Record<string, string[]> = {
      summary: ["page", "components", "incidents", "scheduled_maintenances", "status"],
      status: ["page", "status"],
      components: ["page", "components"],
      incidents: ["page", "incidents"],
      "incidents/unresolved": ["page", "incidents"],
      "scheduled-maintenances": ["page", "scheduled_maintenances"],
      "scheduled-maintenances/upcoming": ["page", "scheduled_maintenances"],
      "scheduled-maintenances/active": ["page", "scheduled_maintenances"],
    };
    for (const endpoint of endpoints) {
      const path = `/api/v2/${endpoint}.json`;
      const res = await get(t, path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(sorted(res.json), path).toEqual([...envelopes[endpoint]].sort());
      // No auth, and an empty page is still a well-formed page.
      expect(res.json.page).toEqual({
        id: "status.example.com",
        name: "Example Status",
        url: "https://status.example.com",
        time_zone: "America/New_York",
        updated_at: null,
      });
      for (const key of envelopes[endpoint].filter((k) => k !== "page" && k !== "status")) {
        expect(res.json[key], `${path} ${key}`).toEqual([]);
      }

      const head = await t.app.request(path, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers.get("access-control-allow-origin")).toBe("*");
      expect(head.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await head.text()).toBe("");
    }
    expect((await get(t, "/api/v2/status.json")).json.status).toEqual({
      indicator: "none",
      description: "All Systems Operational",
    });
  });

  it("Should answer a CORS preflight and give unknown /api/v2 paths a 404 JSON", async () => {
    const preflight = await t.app.request("/api/v2/summary.json", {
      method: "OPTIONS",
      headers: { origin: "https://widget.example.org", "access-control-request-method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(
      preflight.headers
        .get("access-control-allow-methods")
        ?.split(",")
        .map((m) => m.trim()),
    ).toEqual(["GET", "HEAD", "OPTIONS"]);

    const cross = await get(t, "/api/v2/components.json", { headers: { origin: "https://widget.example.org" } });
    expect(cross.headers.get("access-control-allow-origin")).toBe("*");

    for (const path of ["/api/v2/nope.json", "/api/v2/incidents/inc_123.json", "/api/v2/summary", "/api/v2/"]) {
      const res = await get(t, path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.json.error.code).toBe("NOT_FOUND");
    }
    // Read-only: no writes through v2.
    const post = await get(t, "/api/v2/incidents.json", { method: "POST", body: "{}" });
    expect(post.status).toBe(404);
  });

  it("Should list live components with a synthesised group component per group name", async () => {
    const billing = await component({ slug: "billing", name: "Billing", position: 3, description: "Invoices" });
    const api = await component({ slug: "api", name: "API", group: "Core", position: 2 });
    const db = await component({ slug: "db", name: "Database", group: "Core", position: 1 });
    const web = await component({ slug: "web", name: "Website", group: "Frontend" });
    await component({ slug: "old", name: "Old thing", group: "Frontend" });
    t.clock.advance(minutes(5));
    expect((await t.call("DELETE", "/api/v1/components/old")).status).toBe(204);
    expect((await t.call("PATCH", "/api/v1/components/api", { status: "partial_outage" })).status).toBe(200);
    expect((await t.call("PATCH", "/api/v1/components/db", { status: "degraded_performance" })).status).toBe(200);

    const { json } = await get(t, "/api/v2/components.json");
    const list = json.components;
    const groups = list.filter((c: Json) => c.group);
    expect(groups.map((g: Json) => g.name)).toEqual(["Core", "Frontend"]);
    const [core, frontend] = groups;
    // Each group comes right before its members; ungrouped components first, as the page shows them.
    expect(list.map((c: Json) => c.id)).toEqual([billing, core.id, db, api, frontend.id, web]);
    expect(list.map((c: Json) => c.name)).not.toContain("Old thing");

    for (const c of list) {
      expect(sorted(c)).toEqual([...(c.group ? groupKeys : componentKeys)].sort());
      expect(componentStatuses).toContain(c.status);
      expect(c.page_id).toBe("status.example.com");
      expect(c.created_at).toMatch(offsetTime);
      expect(c.updated_at).toMatch(offsetTime);
      expect(c).toMatchObject({ showcase: false, start_date: null, only_show_if_degraded: false });
    }
    expect(core).toMatchObject({
      group: true,
      group_id: null,
      components: [db, api],
      status: "partial_outage",
      position: 1,
      description: null,
      created_at: "2026-11-23T07:00:00.000-05:00",
      updated_at: "2026-11-23T07:05:00.000-05:00",
    });
    expect(frontend).toMatchObject({ group: true, components: [web], status: "operational" });
    expect(list.find((c: Json) => c.id === billing)).toMatchObject({
      name: "Billing",
      group: false,
      group_id: null,
      position: 3,
      description: "Invoices",
      status: "operational",
      created_at: "2026-11-23T07:00:00.000-05:00",
    });
    expect(list.find((c: Json) => c.id === api)).toMatchObject({ group_id: core.id, status: "partial_outage" });
    expect(list.find((c: Json) => c.id === web)).toMatchObject({ group_id: frontend.id });

    // The group's id derives from its name: stable across requests and member changes.
    await component({ slug: "queue", name: "Queue", group: "Core", position: 9 });
    const again = (await get(t, "/api/v2/summary.json")).json.components;
    expect(again.find((c: Json) => c.name === "Core").id).toBe(core.id);
    expect(again.find((c: Json) => c.name === "Core").components).toHaveLength(3);
    expect(core.id).not.toBe(frontend.id);
    expect(json.page.updated_at).toBe("2026-11-23T07:05:00.000-05:00");
  });

  it("Should derive the indicator from open incidents' impacts and component statuses, as Statuspage does", async () => {
    await component({ slug: "api", name: "API" });
    await component({ slug: "db", name: "Database" });
    const indicator = async () => {
      const status = (await get(t, "/api/v2/status.json")).json.status;
      expect((await get(t, "/api/v2/summary.json")).json.status).toEqual(status);
      expect(sorted(status)).toEqual(["description", "indicator"]);
      return status;
    };
    expect(await indicator()).toEqual({ indicator: "none", description: "All Systems Operational" });

    await t.call("PATCH", "/api/v1/components/db", { status: "under_maintenance" });
    expect(await indicator()).toEqual({ indicator: "maintenance", description: "Service Under Maintenance" });

    const minor = await t.declare({ title: "Slow logins", impact: "minor" });
    expect(await indicator()).toEqual({ indicator: "minor", description: "Minor Service Outage" });

    const major = await t.declare({ title: "API errors", components: { api: "partial_outage" } });
    expect(await indicator()).toEqual({ indicator: "major", description: "Partial System Outage" });

    const critical = await t.declare({ title: "Everything is down", impact: "critical" });
    expect(await indicator()).toEqual({ indicator: "critical", description: "Major System Outage" });

    await t.postUpdate(critical.id, { message: "Back.", status: "resolved" });
    expect(await indicator()).toMatchObject({ indicator: "major" });
    await t.postUpdate(major.id, { message: "Fixed.", status: "resolved" });
    expect(await indicator()).toMatchObject({ indicator: "minor" });
    await t.postUpdate(minor.id, { message: "Fixed.", status: "resolved" });
    expect(await indicator()).toMatchObject({ indicator: "maintenance" });
    // A component alone makes the page degrade, with no incident open.
    await t.call("PATCH", "/api/v1/components/api", { status: "major_outage" });
    expect(await indicator()).toEqual({ indicator: "critical", description: "Major System Outage" });
  });

  it("Should list incidents in Statuspage's shape: recent ones, unresolved ones, updates newest first", async () => {
    const api = await component({ slug: "api", name: "API", group: "Core" });
    await component({ slug: "db", name: "Database" });
    const title = `<script>alert(1)</script> "quotes" & <b>tags</b>`;
    const message = `Errors on <script>alert(1)</script> and "quotes" & <b>tags</b>`;
    const declaredAt = t.clock.read();
    const closed = await t.declare({ title, message, components: { api: "major_outage" }, tweet: "Short & sweet <3" });
    t.clock.advance(minutes(10));
    const identified = await t.postUpdate(closed.id, { message: "A bad deploy.", status: "identified" });
    t.clock.advance(minutes(10));
    await t.postUpdate(closed.id, {
      message: "Rolled back.",
      status: "monitoring",
      components: { api: "operational" },
    });
    t.clock.advance(minutes(10));
    const resolvedAt = t.clock.read();
    await t.postUpdate(closed.id, {
      message: "All good.",
      status: "resolved",
      notify: { twitter: false, email: false, webhook: false, chat: false },
    });
    t.clock.advance(minutes(5));
    const open = await t.declare({ title: "Database slow", components: { db: "degraded_performance" } });

    const all = (await get(t, "/api/v2/incidents.json")).json.incidents;
    const unresolved = (await get(t, "/api/v2/incidents/unresolved.json")).json.incidents;
    const summary = (await get(t, "/api/v2/summary.json")).json;
    expect(all.map((i: Json) => i.id)).toEqual([open.id, closed.id]);
    expect(unresolved.map((i: Json) => i.id)).toEqual([open.id]);
    expect(summary.incidents).toEqual(unresolved);

    for (const incident of all) {
      expect(sorted(incident)).toEqual([...incidentKeys].sort());
      expect(incidentStatuses).toContain(incident.status);
      expect(impacts).toContain(incident.impact);
      expect(incident.page_id).toBe("status.example.com");
      expect(incident.shortlink).toBe(`https://status.example.com/incidents/${incident.id}`);
      expectOffsetTimes(incident);
      for (const u of incident.incident_updates) {
        expect(sorted(u)).toEqual([...updateKeys].sort());
        expect(incidentStatuses).toContain(u.status);
        expect(u.incident_id).toBe(incident.id);
      }
      for (const c of incident.components) expect(sorted(c)).toEqual([...componentKeys].sort());
    }

    const shaped = all[1];
    // User text comes back verbatim: JSON carries it as data, not markup.
    expect(shaped.name).toBe(title);
    expect(shaped).toMatchObject({
      status: "resolved",
      impact: "critical",
      created_at: statuspageTime(declaredAt, "America/New_York"),
      started_at: "2026-11-23T07:00:00.000-05:00",
      monitoring_at: "2026-11-23T07:20:00.000-05:00",
      resolved_at: "2026-11-23T07:30:00.000-05:00",
      updated_at: statuspageTime(resolvedAt, "America/New_York"),
    });
    expect(shaped.incident_updates.map((u: Json) => u.status)).toEqual([
      "resolved",
      "monitoring",
      "identified",
      "investigating",
    ]);
    const [resolvedUpdate, monitoring, identifiedUpdate, first] = shaped.incident_updates;
    expect(first).toEqual({
      id: closed.updateId,
      status: "investigating",
      // With the promise it carried, as the channels told it.
      body: `${message} Next update by 07:30 GMT-5.`,
      incident_id: closed.id,
      created_at: "2026-11-23T07:00:00.000-05:00",
      updated_at: "2026-11-23T07:00:00.000-05:00",
      display_at: "2026-11-23T07:00:00.000-05:00",
      affected_components: [{ code: api, name: "API", old_status: "operational", new_status: "major_outage" }],
      deliver_notifications: true,
      custom_tweet: "Short & sweet <3",
      tweet_id: null,
      edited_at: null,
    });
    expect(identifiedUpdate).toMatchObject({ id: identified, affected_components: null, custom_tweet: null });
    expect(monitoring.affected_components).toEqual([
      { code: api, name: "API", old_status: "major_outage", new_status: "operational" },
    ]);
    expect(resolvedUpdate).toMatchObject({
      body: "All good. Resolved after 30 minutes.",
      deliver_notifications: false,
      tweet_id: null,
    });
    // Affected components are the page's own component objects, with their current status and group.
    const core = summary.components.find((c: Json) => c.name === "Core");
    expect(shaped.components).toEqual([summary.components.find((c: Json) => c.id === api)]);
    expect(shaped.components[0]).toMatchObject({ status: "operational", group_id: core.id });
    expect(unresolved[0]).toMatchObject({
      name: "Database slow",
      status: "investigating",
      impact: "minor",
      monitoring_at: null,
      resolved_at: null,
    });
    expect(unresolved[0].components.map((c: Json) => c.status)).toEqual(["degraded_performance"]);
    // The page changed last when the second incident was declared.
    expect(summary.page.updated_at).toBe("2026-11-23T07:35:00.000-05:00");
  });

  it("Should list the 50 most recent incidents, and every open one", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 52; i++) {
      ids.push((await t.declare({ title: `Incident ${i}` })).id);
      t.clock.advance(1000);
    }
    const all = (await get(t, "/api/v2/incidents.json")).json.incidents;
    expect(all.map((i: Json) => i.id)).toEqual(ids.slice(2).reverse());
    expect((await get(t, "/api/v2/incidents/unresolved.json")).json.incidents).toHaveLength(52);
  });

  it("Should write timestamps in the page's offset, following daylight saving time", async () => {
    t.clock.now = new Date("2026-07-04T16:30:05.123Z");
    await component({ slug: "api", name: "API" });
    const list = (await get(t, "/api/v2/components.json")).json;
    expect(list.components[0].created_at).toBe("2026-07-04T12:30:05.123-04:00");
    expect(list.page.updated_at).toBe("2026-07-04T12:30:05.123-04:00");
    expect(statuspageTime(new Date("2026-11-24T14:22:39.441Z"), "UTC")).toBe("2026-11-24T14:22:39.441+00:00");
    expect(statuspageTime(new Date("2026-11-24T14:22:39.441Z"), "Asia/Kolkata")).toBe("2026-11-24T19:52:39.441+05:30");
    expect(statuspageTime(new Date("2026-12-31T23:59:59.999Z"), "Pacific/Auckland")).toBe(
      "2027-01-01T12:59:59.999+13:00",
    );
  });
});

describe.each(databaseKinds)("Statuspage v2 scheduled maintenances on %s", (kind) => {
  let t: TestApp;
  let dbId: string;
  // A fresh page per test: the lists are compared whole, so each test's page holds only the
  // maintenances it scheduled, and each brings the story to where it picks it up.
  beforeEach(async () => {
    // channels: [] builds the engine, driven by hand, which starts the work at starts_at.
    t = await startTestApp(kind, { env, channels: [] });
    await t.call("POST", "/api/v1/components", { slug: "api", name: "API" });
    const res = await t.call("POST", "/api/v1/components", { slug: "db", name: "Database" });
    dbId = res.json.data.id;
  });
  afterEach(() => t.close());

  const maintenanceKeys = [...incidentKeys, "scheduled_for", "scheduled_until"];
  /** A window as the announcements word it, in the page's zone. */
  const newYork = (from: string, to: string) => describeWindow(new Date(from), new Date(to), env.PAGE_TIMEZONE);
  const maintenanceStatuses = ["scheduled", "in_progress", "verifying", "completed"];
  const list = async (which: "" | "/upcoming" | "/active") =>
    (await get(t, `/api/v2/scheduled-maintenances${which}.json`)).json.scheduled_maintenances;
  const ids = (items: Json[]) => items.map((m: Json) => m.id);
  async function schedule(body: Record<string, unknown>) {
    const res = await t.call("POST", "/api/v1/maintenances", {
      title: "Database upgrade",
      message: "We are upgrading the database.",
      components: ["db"],
      // 02:00 to 04:00 in New York on 24 Nov (the clock is at 07:00 there on 23 Nov).
      starts_at: "2026-11-24T07:00:00Z",
      ends_at: "2026-11-24T09:00:00Z",
      ...body,
    });
    expect(res.status, res.text).toBe(201);
    return res.json.data.id as string;
  }
  /** The story's first maintenance: the database upgrade, 02:00 to 04:00 in New York on 24 Nov. */
  const scheduleUpgrade = () => schedule({});
  /** The story's second: network work on the API, 02:00 to 03:00 in New York on 25 Nov. */
  const scheduleNetworkWork = () =>
    schedule({
      title: "Network work",
      components: ["api"],
      starts_at: "2026-11-25T07:00:00Z",
      ends_at: "2026-11-25T08:00:00Z",
    });
  /** At 02:00 in New York on 24 Nov the engine starts the upgrade. */
  async function startUpgrade() {
    t.clock.now = new Date("2026-11-24T07:00:00Z");
    // The reminder an hour ahead was never sent (the clock jumped): the start replaces it.
    expect(await (t.engine as Engine).tick()).toBe(1);
  }
  /** At 03:30 in New York the lead completes the upgrade. */
  async function completeUpgrade(first: string) {
    t.clock.now = new Date("2026-11-24T08:30:00Z");
    const res = await t.call("POST", `/api/v1/maintenances/${first}/complete`, { message: "All done." });
    expect(res.status, res.text).toBe(200);
  }
  /** Every maintenance in Statuspage's shape: the incident's fields plus the window, its statuses, impact maintenance. */
  function expectShape(m: Json) {
    expect(sorted(m)).toEqual([...maintenanceKeys].sort());
    expect(maintenanceStatuses).toContain(m.status);
    expect(m.impact).toBe("maintenance");
    expect(m.page_id).toBe("status.example.com");
    expect(m.shortlink).toBe(`https://status.example.com/incidents/${m.id}`);
    expectOffsetTimes(m);
    for (const key of ["scheduled_for", "scheduled_until"]) expect(m[key]).toMatch(offsetTime);
    for (const u of m.incident_updates) {
      expect(sorted(u)).toEqual([...updateKeys].sort());
      expect(maintenanceStatuses).toContain(u.status);
      expect(u.incident_id).toBe(m.id);
    }
    for (const c of m.components) expect(sorted(c)).toEqual([...componentKeys].sort());
  }

  it("Should list a scheduled maintenance as upcoming and in the summary, never as an incident", async () => {
    const first = await scheduleUpgrade();
    const [upcoming] = await list("/upcoming");
    expectShape(upcoming);
    expect(upcoming).toMatchObject({
      id: first,
      name: "Database upgrade",
      status: "scheduled",
      // Created when announced; it starts in its window.
      created_at: "2026-11-23T07:00:00.000-05:00",
      started_at: "2026-11-24T02:00:00.000-05:00",
      scheduled_for: "2026-11-24T02:00:00.000-05:00",
      scheduled_until: "2026-11-24T04:00:00.000-05:00",
      monitoring_at: null,
      resolved_at: null,
    });
    expect(upcoming.incident_updates).toEqual([
      expect.objectContaining({
        status: "scheduled",
        body: `We are upgrading the database. Planned for ${newYork("2026-11-24T07:00:00Z", "2026-11-24T09:00:00Z")}. We will post here when the work starts and when it is done.`,
        affected_components: null,
      }),
    ]);
    expect(upcoming.components).toEqual([
      expect.objectContaining({ id: dbId, name: "Database", status: "operational" }),
    ]);
    expect(await list("/active")).toEqual([]);
    expect(ids(await list(""))).toEqual([first]);

    const summary = (await get(t, "/api/v2/summary.json")).json;
    expect(summary.scheduled_maintenances).toEqual([upcoming]);
    expect(summary.incidents).toEqual([]);
    expect(summary.status).toEqual({ indicator: "none", description: "All Systems Operational" });
    expect((await get(t, "/api/v2/status.json")).json.status.indicator).toBe("none");
    expect((await get(t, "/api/v2/incidents.json")).json.incidents).toEqual([]);
    expect((await get(t, "/api/v2/incidents/unresolved.json")).json.incidents).toEqual([]);
  });

  it("Should list it as active once the engine starts it, with the component under maintenance", async () => {
    const first = await scheduleUpgrade();
    const second = await scheduleNetworkWork();
    await startUpgrade();

    const [active] = await list("/active");
    expectShape(active);
    expect(active).toMatchObject({ id: first, status: "in_progress", started_at: "2026-11-24T02:00:00.000-05:00" });
    expect(active.incident_updates.map((u: Json) => u.status)).toEqual(["in_progress", "scheduled"]);
    expect(active.incident_updates[0]).toMatchObject({
      body: "The scheduled maintenance has started. We expect to finish by 04:00 GMT-5. We will post here when the work is done.",
      affected_components: [
        { code: dbId, name: "Database", old_status: "operational", new_status: "under_maintenance" },
      ],
    });
    expect(active.components).toEqual([expect.objectContaining({ id: dbId, status: "under_maintenance" })]);
    expect(ids(await list("/upcoming"))).toEqual([second]);

    const summary = (await get(t, "/api/v2/summary.json")).json;
    // Active first, then upcoming.
    expect(ids(summary.scheduled_maintenances)).toEqual([first, second]);
    expect(summary.incidents).toEqual([]);
    expect(summary.status).toEqual({ indicator: "maintenance", description: "Service Under Maintenance" });
    expect((await get(t, "/api/v2/status.json")).json.status.indicator).toBe("maintenance");
    expect((await get(t, "/api/v2/incidents.json")).json.incidents).toEqual([]);
  });

  it("Should list it only among all maintenances once completed, as completed", async () => {
    const first = await scheduleUpgrade();
    const second = await scheduleNetworkWork();
    await startUpgrade();
    await completeUpgrade(first);
    expect(await list("/active")).toEqual([]);
    expect(ids(await list("/upcoming"))).toEqual([second]);
    const done = (await list("")).find((m: Json) => m.id === first);
    expectShape(done);
    expect(done).toMatchObject({ status: "completed", resolved_at: "2026-11-24T03:30:00.000-05:00" });
    expect(done.incident_updates.map((u: Json) => u.status)).toEqual(["completed", "in_progress", "scheduled"]);
    expect(done.incident_updates[0].body).toBe("All done. Completed after 1 hour 30 minutes.");
    expect(done.components).toEqual([expect.objectContaining({ id: dbId, status: "operational" })]);
    expect(ids((await get(t, "/api/v2/summary.json")).json.scheduled_maintenances)).toEqual([second]);
    expect((await get(t, "/api/v2/status.json")).json.status.indicator).toBe("none");
  });

  it("Should tell a cancelled maintenance as completed, its cancellation in the last update's body", async () => {
    const first = await scheduleUpgrade();
    const second = await scheduleNetworkWork();
    await startUpgrade();
    await completeUpgrade(first);
    t.clock.now = new Date("2026-11-24T09:00:00Z");
    const res = await t.call("POST", `/api/v1/maintenances/${second}/cancel`, { message: "Not needed after all." });
    expect(res.status, res.text).toBe(200);
    expect(await list("/upcoming")).toEqual([]);
    expect((await get(t, "/api/v2/summary.json")).json.scheduled_maintenances).toEqual([]);
    const all = await list("");
    // Latest window first.
    expect(ids(all)).toEqual([second, first]);
    const [cancelled] = all;
    expectShape(cancelled);
    expect(cancelled).toMatchObject({ status: "completed", resolved_at: "2026-11-24T04:00:00.000-05:00" });
    expect(cancelled.incident_updates.map((u: Json) => u.status)).toEqual(["completed", "scheduled"]);
    expect(cancelled.incident_updates[0].body).toBe(
      `Not needed after all. The work planned for ${newYork("2026-11-25T07:00:00Z", "2026-11-25T08:00:00Z")} will not take place; service is not affected.`,
    );
  });

  it("Should give a maintenance's title back verbatim, as JSON data", async () => {
    const title = `<script>alert(1)</script> "quotes" & <b>tags</b>`;
    const id = await schedule({
      title,
      message: title,
      starts_at: "2026-11-26T07:00:00Z",
      ends_at: "2026-11-26T08:00:00Z",
    });
    const res = await get(t, "/api/v2/scheduled-maintenances/upcoming.json");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const [m] = res.json.scheduled_maintenances;
    expect(m).toMatchObject({ id, name: title });
    expect(m.incident_updates[0].body.startsWith(`${title} Planned for`)).toBe(true);
    // The quote is escaped as JSON requires; the document parses back to exactly the words typed.
    expect(res.text).toContain(JSON.stringify(title));
  });
});

describe.each(databaseKinds)("Statuspage v2 tweet ids on %s", (kind) => {
  let fake: FakeX;
  let t: TestApp;
  let now: () => Date = () => new Date();

  beforeAll(async () => {
    fake = await startFakeX({ clock: () => now() });
  });
  afterAll(() => fake.close());

  beforeEach(async () => {
    fake.reset();
    const xEnv = {
      ...env,
      TWITTER_APP_KEY: fakeXCredentials.appKey,
      TWITTER_APP_SECRET: fakeXCredentials.appSecret,
      TWITTER_ACCESS_TOKEN: fakeXCredentials.accessToken,
      TWITTER_ACCESS_SECRET: fakeXCredentials.accessSecret,
      TWITTER_API_URL: fake.url,
    };
    const twitter = loadConfig(xEnv).twitter;
    if (!twitter) throw new Error("the test environment should configure X");
    const channel = createTwitterChannel({ twitter });
    t = await startTestApp(kind, { env: xEnv, channels: [channel] });
    now = t.clock.read;
  });
  afterEach(() => t.close());

  it("Should fill tweet_id once the X channel posted the update, and leave null the one it did not", async () => {
    const engine = t.engine as Engine;
    const { id, updateId } = await t.declare({ title: "API errors" });
    t.clock.advance(minutes(5));
    const quiet = await t.postUpdate(id, { message: "Still on it.", notify: { twitter: false } });
    await engine.drain();

    const [incident] = (await get(t, "/api/v2/incidents.json")).json.incidents;
    const posted = fake.tweets.filter((tw) => !tw.deletedAt);
    expect(posted).toHaveLength(1);
    expect(incident.incident_updates.map((u: Json) => [u.id, u.tweet_id])).toEqual([
      [quiet, null],
      [updateId, posted[0].id],
    ]);
  });
});
