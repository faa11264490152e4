// The webhook channel against a real HTTP receiver on a random local port:
// payloads in Statuspage's shape, signatures, filters, retries with backoff,
// timeouts and quarantine. The engine runs on the fake clock, so backoff is
// crossed by moving the clock; the HTTP is real.
import { createHmac } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Channel } from "../../src/channels/types.ts";
import { createWebhookChannel, type WebhookChannelOptions } from "../../src/channels/webhook.ts";
import { guardedWebhookSend } from "../../src/channels/webhook-http.ts";
import { components, deliveries, outbox, subscribers } from "../../src/db/schema/index.ts";
import { backoffMs } from "../../src/delivery/backoff.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { newId } from "../../src/lib/ids.ts";
import { systemActor } from "../../src/services/context.ts";
import { findIncident } from "../../src/services/incidents/index.ts";
import {
  subscriberDirectory,
  unsubscribeGoneWebhook,
  webhookFailureLimit,
} from "../../src/services/subscribers/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { stubResolver } from "../support/resolver.ts";
import { minutes } from "../support/time.ts";
import { startWebhookReceiver as startReceiver } from "../support/webhook-receiver.ts";

/** The same jitter the test app gives its engine. */
const jitter = () => 0.5;

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

describe.each(databaseKinds)("the webhook channel on %s", (kind) => {
  let t: TestApp;
  let engine: Engine;
  let receiver: Receiver;
  /** The channel the engine holds hands over to this one, built once the database exists. */
  let channel: Channel;

  const useChannel = (options: Partial<WebhookChannelOptions> = {}) => {
    channel = createWebhookChannel({
      directory: subscriberDirectory(t.db, { publicUrl: t.config.publicUrl, channel: "webhook", type: "webhook" }),
      pageName: t.config.pageName,
      publicUrl: t.config.publicUrl,
      loadIncident: (id) => findIncident({ db: t.db, config: t.config, clock: t.clock.read, actor: systemActor }, id),
      unsubscribe: (id, now) => unsubscribeGoneWebhook(t.db, id, now),
      clock: t.clock.read,
      timeoutMs: 2_000,
      // The receiver is on 127.0.0.1; sent as the Node entry sends, names resolved by a stub.
      allowPrivate: true,
      send: guardedWebhookSend({ allowPrivate: true, resolve: stubResolver() }),
      ...options,
    });
  };

  beforeEach(async () => {
    receiver = await startReceiver();
    const standIn: Channel = {
      name: "webhook",
      notifyFlag: "webhook",
      deliver: (update, ctx) => channel.deliver(update, ctx),
    };
    t = await startTestApp(kind, { env: { PUBLIC_URL: "https://status.example.com" }, channels: [standIn] });
    engine = t.engine as Engine;
    useChannel();
  });
  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  /** A confirmed, active webhook subscriber at `path` on the receiver (what POST /api/v1/subscribers will make). */
  async function addWebhook(
    path: string,
    options: { secret?: string; componentIds?: string[]; state?: string; confirmedAt?: Date } = {},
  ) {
    const id = newId("sub");
    const now = t.clock.read();
    await t.db.insert(subscribers).values({
      id,
      type: "webhook",
      url: `${receiver.url}${path}`,
      secret: options.secret ?? `whsec_${path.slice(1)}_0123456789`,
      state: options.state ?? "active",
      componentIds: options.componentIds ?? [],
      confirmedAt: options.confirmedAt ?? new Date(now.getTime() - minutes(1)),
      createdAt: now,
      updatedAt: now,
    });
    return id;
  }
  const subscriberRow = async (id: string) => (await t.db.select().from(subscribers).where(eq(subscribers.id, id)))[0];
  const rowOf = async (updateId: string) =>
    (
      await t.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.updateId, updateId), eq(outbox.channel, "webhook")))
    )[0];
  const deliveriesOf = (updateId: string) =>
    t.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.updateId, updateId), eq(deliveries.channel, "webhook")));
  async function addComponent(slug: string, name: string) {
    const res = await t.call("POST", "/api/v1/components", { slug, name });
    expect(res.status, res.text).toBe(201);
    const [row] = await t.db.select({ id: components.id }).from(components).where(eq(components.slug, slug));
    return row.id;
  }
  /** Moves the clock to when the row is due again and drains. */
  async function untilDue(updateId: string) {
    const row = await rowOf(updateId);
    t.clock.now = new Date(Math.max(t.clock.now.getTime(), row.runAt.getTime()));
    await engine.drain();
  }
  const sign = (secret: string, timestamp: string, body: string) =>
    `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;

  it("Should POST a declare and a resolve in Statuspage's shape, signed with the webhook's secret", async () => {
    const apiId = await addComponent("api", "Public API");
    await addWebhook("/hook", { secret: "s3cret-for-hook" });
    const declaredAt = t.clock.read();
    const { id, updateId } = await t.declare({
      title: "Elevated API errors",
      message: "We are investigating errors on the API.",
      components: { api: "partial_outage" },
    });
    await engine.drain();

    expect(receiver.received).toHaveLength(1);
    const [first] = receiver.received;
    const timestamp = String(Math.floor(declaredAt.getTime() / 1000));
    expect(first.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "Candor-Webhook/1",
      "x-candor-event": "incident.update",
      "x-candor-delivery": updateId,
      "x-candor-timestamp": timestamp,
    });
    // A receiver checks the signature over the raw body with the secret it was given.
    expect(first.headers["x-candor-signature"]).toBe(sign("s3cret-for-hook", timestamp, first.body));
    expect(first.headers["x-candor-signature"]).not.toBe(sign("another-secret", timestamp, first.body));

    const declaredText = String((await rowOf(updateId)).payload.text);
    expect(declaredText).toMatch(/^We are investigating errors on the API\. .*Next update by/);
    const at = declaredAt.toISOString();
    expect(first.json).toEqual({
      meta: { unsubscribe: null, documentation: "https://status.example.com/docs", generated_at: at },
      page: {
        id: "status.example.com",
        name: t.config.pageName,
        url: "https://status.example.com",
        status_indicator: "major",
        status_description: "Partial System Outage",
      },
      incident: {
        id,
        page_id: "status.example.com",
        name: "Elevated API errors",
        status: "investigating",
        impact: "major",
        created_at: at,
        updated_at: at,
        monitoring_at: null,
        resolved_at: null,
        started_at: at,
        shortlink: `https://status.example.com/incidents/${id}`,
        incident_updates: [
          {
            id: updateId,
            incident_id: id,
            status: "investigating",
            body: declaredText,
            created_at: at,
            updated_at: at,
            display_at: at,
            affected_components: [
              { code: apiId, name: "Public API", old_status: "operational", new_status: "partial_outage" },
            ],
            twitter_updated_at: null,
            custom_tweet: null,
            deliver_notifications: true,
            tweet_id: null,
            eta: null,
            next_update_due_at: expect.any(String),
          },
        ],
        components: [{ id: apiId, page_id: "status.example.com", name: "Public API", status: "partial_outage" }],
      },
    });
    const [recorded] = await deliveriesOf(updateId);
    expect(recorded.receipt).toEqual({ status: 200 });

    t.clock.advance(minutes(5));
    await t.postUpdate(id, { message: "A fix is out; we are watching.", status: "monitoring" });
    await engine.drain();
    t.clock.advance(minutes(20));
    const resolvedAt = t.clock.read().toISOString();
    const resolveId = await t.postUpdate(id, { message: "Errors are gone.", status: "resolved" });
    await engine.drain();

    expect(receiver.received).toHaveLength(3);
    const last = receiver.received[2];
    expect(last.headers["x-candor-delivery"]).toBe(resolveId);
    expect(last.headers["x-candor-signature"]).toBe(
      sign("s3cret-for-hook", String(Math.floor(Date.parse(resolvedAt) / 1000)), last.body),
    );
    const { page, incident } = last.json;
    expect(page).toMatchObject({ status_indicator: "none", status_description: "All Systems Operational" });
    expect(incident).toMatchObject({
      id,
      status: "resolved",
      resolved_at: resolvedAt,
      updated_at: resolvedAt,
      monitoring_at: new Date(declaredAt.getTime() + minutes(5)).toISOString(),
      created_at: at,
      components: [{ id: apiId, name: "Public API", status: "operational" }],
    });
    // Newest first, the resolve carrying its whole public text; the api component goes back to operational.
    expect(incident.incident_updates.map((u: { status: string }) => u.status)).toEqual([
      "resolved",
      "monitoring",
      "investigating",
    ]);
    expect(incident.incident_updates[0].body).toBe(String((await rowOf(resolveId)).payload.text));
    expect(incident.incident_updates[0].body).toMatch(/^Errors are gone\. Resolved after 25 min/);
    expect(incident.incident_updates[0].affected_components).toEqual([
      { code: apiId, name: "Public API", old_status: "partial_outage", new_status: "operational" },
    ]);
    expect(incident.incident_updates[1]).toMatchObject({
      body: "A fix is out; we are watching. Next update by 12:35 UTC.",
      affected_components: null,
    });
  });

  it("Should send a maintenance's updates as Statuspage does: an incident with its window and maintenance statuses", async () => {
    const dbId = await addComponent("db", "Database");
    await addWebhook("/hook");
    const announcedAt = t.clock.read().toISOString();
    const id = await t.scheduleMaintenance();
    await engine.drain();
    const window = { scheduled_for: "2026-11-24T02:00:00.000Z", scheduled_until: "2026-11-24T04:00:00.000Z" };
    const latest = () => receiver.received.at(-1)?.json;

    expect(receiver.received).toHaveLength(1);
    expect(latest().page).toMatchObject({ status_indicator: "none", status_description: "All Systems Operational" });
    expect(latest().incident).toMatchObject({
      id,
      name: "Database upgrade",
      status: "scheduled",
      impact: "maintenance",
      // Created when announced; it starts in its window.
      created_at: announcedAt,
      started_at: window.scheduled_for,
      resolved_at: null,
      ...window,
      components: [{ id: dbId, name: "Database", status: "operational" }],
    });
    expect(latest().incident.incident_updates).toEqual([
      expect.objectContaining({
        status: "scheduled",
        body: expect.stringMatching(/^We are upgrading the database\. Planned for /),
        affected_components: null,
      }),
    ]);

    // The reminder an hour ahead, then the start, both by the engine.
    t.clock.now = new Date("2026-11-24T01:00:00Z");
    expect(await engine.tick()).toBe(1);
    await engine.drain();
    expect(latest().incident).toMatchObject({ status: "scheduled", ...window });
    t.clock.now = new Date("2026-11-24T02:00:00Z");
    expect(await engine.tick()).toBe(1);
    await engine.drain();
    expect(receiver.received).toHaveLength(3);
    expect(latest().page).toMatchObject({
      status_indicator: "maintenance",
      status_description: "Service Under Maintenance",
    });
    expect(latest().incident).toMatchObject({
      status: "in_progress",
      impact: "maintenance",
      started_at: window.scheduled_for,
      ...window,
      components: [{ id: dbId, status: "under_maintenance" }],
    });
    expect(latest().incident.incident_updates.map((u: { status: string }) => u.status)).toEqual([
      "in_progress",
      "scheduled",
      "scheduled",
    ]);
    expect(latest().incident.incident_updates[0].affected_components).toEqual([
      { code: dbId, name: "Database", old_status: "operational", new_status: "under_maintenance" },
    ]);

    t.clock.now = new Date("2026-11-24T03:30:00Z");
    expect((await t.call("POST", `/api/v1/maintenances/${id}/complete`, { message: "All done." })).status).toBe(200);
    await engine.drain();
    expect(latest().page).toMatchObject({ status_indicator: "none" });
    expect(latest().incident).toMatchObject({
      status: "completed",
      resolved_at: "2026-11-24T03:30:00.000Z",
      components: [{ id: dbId, status: "operational" }],
    });
    expect(latest().incident.incident_updates[0]).toMatchObject({
      status: "completed",
      body: "All done. Completed after 1 hour 30 minutes.",
    });

    // Statuspage has no "cancelled": a cancellation goes out as completed, its body saying what happened.
    const other = await t.call("POST", "/api/v1/maintenances", {
      title: "Network work",
      message: "Switch replacement.",
      components: ["db"],
      starts_at: "2026-11-25T02:00:00Z",
      ends_at: "2026-11-25T03:00:00Z",
    });
    expect(other.status, other.text).toBe(201);
    await engine.drain();
    t.clock.advance(minutes(5));
    const cancel = await t.call("POST", `/api/v1/maintenances/${other.json.data.id}/cancel`, {
      message: "Not needed.",
    });
    expect(cancel.status, cancel.text).toBe(200);
    await engine.drain();
    expect(receiver.received).toHaveLength(6);
    expect(latest().incident).toMatchObject({
      id: other.json.data.id,
      status: "completed",
      impact: "maintenance",
      resolved_at: "2026-11-24T03:35:00.000Z",
      scheduled_for: "2026-11-25T02:00:00.000Z",
      scheduled_until: "2026-11-25T03:00:00.000Z",
    });
    expect(latest().incident.incident_updates.map((u: { status: string }) => u.status)).toEqual([
      "completed",
      "scheduled",
    ]);
    expect(latest().incident.incident_updates[0].body).toMatch(
      /^Not needed\. The work planned for .* will not take place/,
    );
  });

  it("Should send to webhooks following a touched component or every component, and no others", async () => {
    const apiId = await addComponent("api", "API");
    const dbId = await addComponent("db", "Database");
    await addWebhook("/api", { componentIds: [apiId] });
    await addWebhook("/db", { componentIds: [dbId] });
    await addWebhook("/both", { componentIds: [apiId, dbId] });
    await addWebhook("/all");

    const { updateId } = await t.declare({ components: { api: "degraded_performance" } });
    await engine.drain();
    expect(receiver.received.map((r) => r.path).sort()).toEqual(["/all", "/api", "/both"]);
    expect(await deliveriesOf(updateId)).toHaveLength(3);

    // An incident that names no component goes to everyone.
    receiver.received.length = 0;
    await t.declare({ title: "Something is off" });
    await engine.drain();
    expect(receiver.received.map((r) => r.path).sort()).toEqual(["/all", "/api", "/both", "/db"]);
  });

  it("Should send only to active webhooks confirmed before the update", async () => {
    await addWebhook("/active");
    for (const state of ["pending", "unsubscribed", "quarantined", "suppressed"])
      await addWebhook(`/${state}`, { state });
    await addWebhook("/later", { confirmedAt: new Date(t.clock.now.getTime() + minutes(1)) });
    const { updateId } = await t.declare();
    await engine.drain();
    expect(receiver.received.map((r) => r.path)).toEqual(["/active"]);
    expect((await rowOf(updateId)).state).toBe("done");
  });

  it("Should retry a failing webhook with backoff, and only it, until it answers 2xx", async () => {
    const flaky = await addWebhook("/flaky");
    await addWebhook("/fine");
    receiver.answer("/flaky", 500, 503, 200);
    const { updateId } = await t.declare();
    await engine.drain();

    expect(receiver.to("/fine")).toHaveLength(1);
    expect(receiver.to("/flaky")).toHaveLength(1);
    let row = await rowOf(updateId);
    expect(row.state).toBe("pending");
    expect(row.runAt.getTime() - t.clock.now.getTime()).toBe(backoffMs(1, jitter));
    expect(row.lastError).toContain(`${flaky} answered HTTP 500`);
    expect(row.lastError).not.toContain(receiver.url);
    // Only the status: the receiver's answer ("no thanks (500)") is not kept.
    expect(row.lastError).not.toContain("no thanks");
    expect(await subscriberRow(flaky)).toMatchObject({
      state: "active",
      failures: 1,
      lastError: "answered HTTP 500",
    });

    // Not before the backoff is over.
    t.clock.advance(backoffMs(1, jitter) - 1);
    await engine.drain();
    expect(receiver.to("/flaky")).toHaveLength(1);

    await untilDue(updateId);
    expect(receiver.to("/flaky")).toHaveLength(2);
    row = await rowOf(updateId);
    expect(row.runAt.getTime() - t.clock.now.getTime()).toBe(backoffMs(2, jitter));
    expect((await subscriberRow(flaky)).failures).toBe(2);

    await untilDue(updateId);
    expect((await rowOf(updateId)).state).toBe("done");
    // Each webhook got it once (the flaky one after two refusals), under the same delivery id.
    expect(receiver.to("/fine")).toHaveLength(1);
    expect(receiver.to("/flaky").map((r) => r.headers["x-candor-delivery"])).toEqual([updateId, updateId, updateId]);
    expect((await deliveriesOf(updateId)).map((d) => d.receipt)).toEqual([{ status: 200 }, { status: 200 }]);
    // Its run of failures is over.
    expect(await subscriberRow(flaky)).toMatchObject({ state: "active", failures: 0, firstFailureAt: null });
  });

  it("Should count a receiver that does not answer in time, a refused connection and a redirect as failures", async () => {
    useChannel({ timeoutMs: 200 });
    const slow = await addWebhook("/slow");
    const moved = await addWebhook("/moved");
    const closed = newId("sub");
    const now = t.clock.read();
    await t.db.insert(subscribers).values({
      id: closed,
      type: "webhook",
      url: "http://127.0.0.1:9/nothing-listens-here",
      secret: "x",
      state: "active",
      confirmedAt: new Date(now.getTime() - minutes(1)),
      createdAt: now,
      updatedAt: now,
    });
    receiver.answer("/slow", "hang", 200);
    receiver.answer("/moved", 301);
    const started = performance.now();
    const { updateId } = await t.declare();
    await engine.drain();
    expect(performance.now() - started).toBeLessThan(5_000);

    expect((await subscriberRow(slow)).lastError).toBe("did not answer within 200 ms");
    expect((await subscriberRow(closed)).lastError).toBe("could not be reached (ECONNREFUSED)");
    // Not followed: a POST redirected would arrive as a GET, or where nobody chose.
    expect((await subscriberRow(moved)).lastError).toBe("answered HTTP 301 (redirects are not followed)");
    expect(receiver.received.filter((r) => r.path === "/elsewhere")).toHaveLength(0);
    for (const id of [slow, closed, moved]) expect((await subscriberRow(id)).failures).toBe(1);
    expect((await rowOf(updateId)).lastError).toContain("3 webhook(s) failed");
    expect(await deliveriesOf(updateId)).toHaveLength(0);

    // It answers the retry: delivered, under the same delivery id receivers dedupe on.
    await untilDue(updateId);
    expect((await deliveriesOf(updateId)).map((d) => d.recipient)).toEqual([slow]);
    expect(receiver.to("/slow").map((r) => r.headers["x-candor-delivery"])).toEqual([updateId, updateId]);
  });

  it("Should quarantine a webhook after 10 failures within an hour and send it nothing more, while others still get updates", async () => {
    const broken = await addWebhook("/broken");
    await addWebhook("/fine");
    receiver.answer("/broken", 500);
    const firstAt = t.clock.read();
    const { id, updateId } = await t.declare();
    await engine.drain();
    for (let i = 0; i < 20 && (await subscriberRow(broken)).state === "active"; i++) await untilDue(updateId);

    const row = await subscriberRow(broken);
    expect(row.state).toBe("quarantined");
    expect(row.failures).toBe(webhookFailureLimit);
    expect(row.quarantinedAt).toEqual(t.clock.read());
    expect(t.clock.now.getTime() - firstAt.getTime()).toBeLessThan(minutes(60));
    expect(row.lastError).toBe("answered HTTP 500");
    expect(receiver.to("/broken")).toHaveLength(webhookFailureLimit);
    // Nothing left to retry: the row is done, the quarantined webhook simply no longer counts.
    expect((await rowOf(updateId)).state).toBe("done");

    t.clock.advance(minutes(1));
    const next = await t.postUpdate(id, { message: "Still on it.", status: "identified" });
    await engine.drain();
    expect((await rowOf(next)).state).toBe("done");
    expect(receiver.to("/broken")).toHaveLength(webhookFailureLimit);
    expect(receiver.to("/fine").map((r) => r.headers["x-candor-delivery"])).toEqual([updateId, next]);
  });

  it("Should send nothing when the update says notify.webhook = false", async () => {
    await addWebhook("/hook");
    const { updateId } = await t.declare({ notify: { webhook: false } });
    await engine.drain();
    expect(await rowOf(updateId)).toBeUndefined();
    expect(receiver.received).toHaveLength(0);
  });

  it("Should stop sending to a webhook that answers 410 Gone", async () => {
    const gone = await addWebhook("/gone");
    receiver.answer("/gone", 410);
    const { id, updateId } = await t.declare();
    await engine.drain();
    expect((await rowOf(updateId)).state).toBe("done");
    expect(await subscriberRow(gone)).toMatchObject({ state: "unsubscribed", unsubscribedAt: t.clock.read() });
    await t.postUpdate(id, { message: "More.", status: "identified" });
    await engine.drain();
    expect(receiver.to("/gone")).toHaveLength(1);
  });

  it("Should tell a retried update as it was when written, even after newer updates went out", async () => {
    await addWebhook("/hook");
    receiver.answer("/hook", 500, 200);
    const { id, updateId } = await t.declare({ message: "First words." });
    await engine.drain();
    t.clock.advance(1000);
    const second = await t.postUpdate(id, { message: "Second words.", status: "identified" });
    await engine.drain();
    await untilDue(updateId);

    const accepted = receiver.to("/hook").slice(1);
    expect(accepted.map((r) => r.headers["x-candor-delivery"])).toEqual([second, updateId]);
    const retried = accepted[1].json.incident;
    expect(retried.status).toBe("investigating");
    expect(retried.incident_updates.map((u: { id: string }) => u.id)).toEqual([updateId]);
    expect(accepted[0].json.incident.incident_updates.map((u: { id: string }) => u.id)).toEqual([second, updateId]);
  });
});
