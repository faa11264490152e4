// component.update webhooks (issue 18, part 5): every change of a
// component's status, whoever made it, is one component_events row and one
// webhook to each subscriber that chose component events, in Statuspage's
// component update shape, signed with the Standard Webhooks headers and sent
// once. On both databases, through the engine on the fake clock and a real
// HTTP receiver.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { componentEvents, components, outbox, subscribers } from "../../src/db/schema/index.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { verifyStandard } from "../support/standard-webhooks.ts";
import { minutes } from "../support/time.ts";
import { localWebhookChannel } from "../support/webhook-channel.ts";
import { type Received, startWebhookReceiver } from "../support/webhook-receiver.ts";

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

describe.each(databaseKinds)("component.update webhooks on %s", (kind) => {
  let t: TestApp;
  let engine: Engine;
  let receiver: Receiver;

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestApp(kind, {
      env: { PUBLIC_URL: "https://status.example.com" },
      // Wired as src/entry/channels.ts wires it, sent as the Node entry sends.
      channels: async (deps) => [localWebhookChannel(deps)],
    });
    engine = t.engine as Engine;
  });
  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  /** A webhook added through the admin API; returns its id and its Standard Webhooks secret. */
  async function addWebhook(path: string, body: Record<string, unknown> = {}) {
    const res = await t.call("POST", "/api/v1/subscribers", {
      type: "webhook",
      url: `${receiver.url}${path}`,
      ...body,
    });
    expect(res.status, res.text).toBe(201);
    return { id: res.json.data.id as string, whsec: res.json.standard_webhooks_secret as string };
  }
  async function addComponent(slug: string, name: string) {
    const res = await t.call("POST", "/api/v1/components", { slug, name });
    expect(res.status, res.text).toBe(201);
    const [row] = await t.db.select({ id: components.id }).from(components).where(eq(components.slug, slug));
    return row.id;
  }
  const setStatus = async (slug: string, status: string) => {
    const res = await t.call("PATCH", `/api/v1/components/${slug}`, { status });
    expect(res.status, res.text).toBe(200);
  };
  const events = () => t.db.select().from(componentEvents).orderBy(asc(componentEvents.createdAt));
  const kindOf = (r: Received) => r.headers["x-candor-event"];
  /** What a path received of one event kind, as [component id, old, new]. */
  const changesTo = (path: string) =>
    receiver
      .to(path)
      .filter((r) => kindOf(r) === "component.update")
      .map((r) => [r.json.component.id, r.json.component_update.old_status, r.json.component_update.new_status]);

  it("Should send a status set by hand as one component.update in Statuspage's shape, verifiable with the secret", async () => {
    const apiId = await addComponent("api", "Public API");
    const { whsec } = await addWebhook("/hook", { events: ["component"] });
    t.clock.advance(minutes(1));
    const changedAt = t.clock.read();
    await setStatus("api", "major_outage");
    await engine.drain();

    const [event, ...moreEvents] = await events();
    expect(moreEvents).toEqual([]);
    expect(event).toMatchObject({
      componentId: apiId,
      previousStatus: "operational",
      status: "major_outage",
      cause: "manual",
      incidentId: null,
    });
    const [got, ...more] = receiver.to("/hook");
    expect(more).toEqual([]);
    expect(got.headers).toMatchObject({
      "x-candor-event": "component.update",
      "x-candor-delivery": event.id,
      "webhook-id": event.id,
      "webhook-timestamp": String(Math.floor(changedAt.getTime() / 1000)),
    });
    const at = changedAt.toISOString();
    expect(verifyStandard(whsec, got, changedAt)).toEqual({
      meta: { unsubscribe: null, documentation: "https://status.example.com/docs", generated_at: at },
      page: {
        id: "status.example.com",
        name: t.config.pageName,
        url: "https://status.example.com",
        status_indicator: "critical",
        status_description: "Major System Outage",
      },
      component_update: {
        created_at: at,
        new_status: "major_outage",
        old_status: "operational",
        id: event.id,
        component_id: apiId,
      },
      component: {
        created_at: "2026-11-23T12:00:00.000Z",
        id: apiId,
        page_id: "status.example.com",
        name: "Public API",
        status: "major_outage",
      },
    });
  });

  it("Should record nothing and send nothing when the status does not change", async () => {
    await addComponent("api", "Public API");
    await addWebhook("/hook", { events: ["component"] });
    await setStatus("api", "operational");
    const renamed = await t.call("PATCH", "/api/v1/components/api", { name: "API" });
    expect(renamed.status, renamed.text).toBe(200);
    await engine.drain();
    expect(await events()).toEqual([]);
    expect(await t.db.select().from(outbox).where(eq(outbox.topic, "component.update"))).toEqual([]);
    expect(receiver.received).toEqual([]);
  });

  it("Should send one event per component an incident changes, and each restored on resolution; events choose who hears what", async () => {
    const apiId = await addComponent("api", "Public API");
    const webId = await addComponent("web", "Website");
    await addWebhook("/components", { events: ["component"] });
    await addWebhook("/incidents"); // the default: incident events only
    await addWebhook("/both", { events: ["incident", "component"] });
    t.clock.advance(minutes(1));
    const { id } = await t.declare({ components: { api: "major_outage", web: "degraded_performance" } });
    await engine.drain();

    const declared = [
      [apiId, "operational", "major_outage"],
      [webId, "operational", "degraded_performance"],
    ];
    expect(changesTo("/components")).toEqual(expect.arrayContaining(declared));
    expect(changesTo("/components")).toHaveLength(2);
    expect((await events()).map((e) => [e.cause, e.incidentId])).toEqual([
      ["incident", id],
      ["incident", id],
    ]);

    t.clock.advance(minutes(30));
    await t.postUpdate(id, { message: "Fixed.", status: "resolved" });
    await engine.drain();
    const restored = [
      [apiId, "major_outage", "operational"],
      [webId, "degraded_performance", "operational"],
    ];
    expect(changesTo("/components").slice(2)).toEqual(expect.arrayContaining(restored));
    expect(changesTo("/components")).toHaveLength(4);

    // Component events only: no incident.update. Incident events only (every existing webhook): no component.update.
    expect(receiver.to("/components").every((r) => kindOf(r) === "component.update")).toBe(true);
    expect(receiver.to("/incidents").map(kindOf)).toEqual(["incident.update", "incident.update"]);
    expect(receiver.to("/both").filter((r) => kindOf(r) === "incident.update")).toHaveLength(2);
    expect(changesTo("/both")).toHaveLength(4);
    // The resolution's events carry the page as it stands once resolved.
    expect(receiver.to("/components").at(-1)?.json.page.status_indicator).toBe("none");
  });

  it("Should send a webhook that follows some components only their events", async () => {
    const apiId = await addComponent("api", "Public API");
    await addComponent("web", "Website");
    await addWebhook("/api-only", { events: ["component"], components: ["api"] });
    t.clock.advance(minutes(1));
    await t.declare({ components: { api: "partial_outage", web: "partial_outage" } });
    await setStatus("web", "major_outage");
    await engine.drain();
    expect(changesTo("/api-only")).toEqual([[apiId, "operational", "partial_outage"]]);
  });

  it("Should send the start and the end of a maintenance as events of cause maintenance", async () => {
    const dbId = await addComponent("db", "Database");
    await addWebhook("/hook", { events: ["component"] });
    const maintenanceId = await t.scheduleMaintenance();
    await engine.drain();
    expect(receiver.received).toEqual([]);

    t.clock.now = new Date("2026-11-24T02:00:00Z");
    while ((await engine.tick()) > 0) await engine.drain();
    await engine.drain();
    expect(changesTo("/hook")).toEqual([[dbId, "operational", "under_maintenance"]]);
    expect(receiver.received[0].json.page.status_indicator).toBe("maintenance");

    t.clock.now = new Date("2026-11-24T03:00:00Z");
    const done = await t.call("POST", `/api/v1/maintenances/${maintenanceId}/complete`, { message: "Done." });
    expect(done.status, done.text).toBe(200);
    await engine.drain();
    expect(changesTo("/hook")).toEqual([
      [dbId, "operational", "under_maintenance"],
      [dbId, "under_maintenance", "operational"],
    ]);
    expect((await events()).map((e) => [e.cause, e.incidentId])).toEqual([
      ["maintenance", maintenanceId],
      ["maintenance", maintenanceId],
    ]);
  });

  it("Should send each event once per webhook across a retry, count the failure, and unsubscribe a gone one", async () => {
    await addComponent("api", "Public API");
    await addWebhook("/steady", { events: ["component"] });
    const flaky = await addWebhook("/flaky", { events: ["component"] });
    const gone = await addWebhook("/gone", { events: ["component"] });
    receiver.answer("/flaky", 503, 200);
    receiver.answer("/gone", 410);
    t.clock.advance(minutes(1));
    await setStatus("api", "degraded_performance");
    await engine.drain();

    const [job] = await t.db.select().from(outbox).where(eq(outbox.topic, "component.update"));
    expect(job).toMatchObject({ channel: "webhook", state: "pending", attempts: 1 });
    expect(job.lastError).toContain(flaky.id);
    expect(job.lastError).not.toContain(receiver.url);
    const row = async (id: string) => (await t.db.select().from(subscribers).where(eq(subscribers.id, id)))[0];
    expect(await row(flaky.id)).toMatchObject({ state: "active", failures: 1 });
    expect(await row(gone.id)).toMatchObject({ state: "unsubscribed" });

    t.clock.now = new Date(Math.max(t.clock.now.getTime(), job.runAt.getTime()));
    await engine.drain();
    const [settled] = await t.db.select().from(outbox).where(eq(outbox.id, job.id));
    expect(settled.state).toBe("done");
    expect(receiver.to("/steady")).toHaveLength(1);
    expect(receiver.to("/gone")).toHaveLength(1);
    const [failed, retried] = receiver.to("/flaky");
    expect(retried.headers["webhook-id"]).toBe(failed.headers["webhook-id"]);
    expect(receiver.to("/flaky")).toHaveLength(2);
    expect(await row(flaky.id)).toMatchObject({ state: "active", failures: 0 });
  });

  it("Should queue no job while no webhook chose component events, and still record the change", async () => {
    await addComponent("api", "Public API");
    await addWebhook("/incidents");
    await setStatus("api", "partial_outage");
    expect(await events()).toHaveLength(1);
    expect(await t.db.select().from(outbox).where(eq(outbox.topic, "component.update"))).toEqual([]);
  });

  it("Should take, show and export a webhook's events, refusing bad ones with a 400 naming the field", async () => {
    const plain = await addWebhook("/plain");
    const both = await addWebhook("/both", { events: ["component", "incident"] });
    const list = await t.call("GET", "/api/v1/subscribers");
    expect(list.status, list.text).toBe(200);
    const shown = new Map(list.json.data.map((s: { id: string; events: string[] }) => [s.id, s.events]));
    expect(shown.get(plain.id)).toEqual(["incident"]);
    expect(shown.get(both.id)).toEqual(["component", "incident"]);

    // Adding it again with other events changes them; omitting them keeps them.
    const again = await t.call("POST", "/api/v1/subscribers", {
      type: "webhook",
      url: `${receiver.url}/plain`,
      events: ["component"],
    });
    expect(again.status, again.text).toBe(200);
    expect(again.json.data.events).toEqual(["component"]);
    const kept = await t.call("POST", "/api/v1/subscribers", { type: "webhook", url: `${receiver.url}/plain` });
    expect(kept.json.data.events).toEqual(["component"]);

    const csv = await t.call("GET", "/api/v1/subscribers/export");
    expect(csv.status).toBe(200);
    expect(csv.text.split("\r\n")[0]).toBe("id,type,email,url,state,components,confirmed_at,created_at,events,kind");
    expect(csv.text).toContain(",component incident,\r\n");

    const url = `${receiver.url}/bad`;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ type: "webhook", url, events: [] }, "events", /at least one/],
      [{ type: "webhook", url, events: ["incident", "status"] }, "events.1", /incident, component/],
      [{ type: "webhook", url, events: "component" }, "events", /list/],
      [{ type: "webhook", url, events: ["component", "component"] }, "events", /twice/],
      [{ type: "email", email: "a@example.com", events: ["component"] }, "events", /known field/],
    ];
    for (const [body, field, message] of cases) {
      const res = await t.call("POST", "/api/v1/subscribers", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const problem = res.json.error.details.find((d: { field: string }) => d.field === field);
      expect(problem, `${field} in ${res.text}`).toBeDefined();
      expect(problem.message).toMatch(message);
    }
    // Nothing written by the refusals.
    const after = await t.db.select({ id: subscribers.id }).from(subscribers);
    expect(after).toHaveLength(2);
  });
});
