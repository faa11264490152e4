import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { auditLog, componentEvents } from "../../src/db/schema/index.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { localWebhookChannel } from "../support/webhook-channel.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

// Payloads from the senders' documentation (tests/fixtures): Alertmanager's webhook_config
// (version 4) and Grafana's webhook notifier example, adapted per test with labels.
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));
const amDoc = fixture("alertmanager-webhook.json");
const grafanaDoc = fixture("grafana-webhook.json");
const amAlert = amDoc.alerts[0];

type Alert = { fingerprint: string; status?: "firing" | "resolved"; labels?: Record<string, string> } & Record<
  string,
  unknown
>;

/** Alertmanager's documented payload carrying these alerts (labels merged over the documented ones). */
function am(alerts: Alert[], groupKey = amDoc.groupKey) {
  const built = alerts.map((a) => ({
    ...amAlert,
    ...a,
    status: a.status ?? "firing",
    labels: { ...amAlert.labels, ...a.labels },
    endsAt: a.status === "resolved" ? "2026-11-23T12:05:00Z" : amAlert.endsAt,
  }));
  return {
    ...amDoc,
    groupKey,
    status: built.some((a) => a.status === "firing") ? "firing" : "resolved",
    alerts: built,
  };
}

describe.each(databaseKinds)("alerts in (Alertmanager and Grafana) on %s", (kind) => {
  let t: TestApp;
  let key: string;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp(kind);
    key = await newKey(["integrations:write"]);
  });
  afterAll(() => t.close());

  async function newKey(scopes: string[], alertMapping?: unknown): Promise<string> {
    const res = await t.call("POST", "/api/v1/api-keys", {
      name: `alerts ${n++}`,
      scopes,
      alert_mapping: alertMapping,
    });
    expect(res.status, res.text).toBe(201);
    return res.json.key;
  }

  /** A fresh component for one test, so tests share nothing. */
  async function component(status?: string): Promise<string> {
    const slug = `c${n++}`;
    expect((await t.call("POST", "/api/v1/components", { slug, name: slug })).status).toBe(201);
    if (status) expect((await t.call("PATCH", `/api/v1/components/${slug}`, { status })).status).toBe(200);
    return slug;
  }

  const statusOf = async (slug: string) =>
    (await t.call("GET", "/api/v1/components")).json.data.find((c: { slug: string }) => c.slug === slug).status;

  const post = (body: unknown, options: { token?: string | null; query?: string; source?: string } = {}) =>
    t.call("POST", `/api/v1/integrations/${options.source ?? "alertmanager"}${options.query ?? ""}`, body, {
      token: options.token === undefined ? key : options.token,
    });

  async function send(body: unknown, options?: Parameters<typeof post>[1]) {
    const res = await post(body, options);
    expect(res.status, res.text).toBe(200);
    return res.json.data;
  }

  const auditCount = async () => (await t.db.select().from(auditLog)).length;

  it("Should set the component's status from a firing alert, audited with the fingerprint", async () => {
    const slug = await component();
    const res = await post(am([{ fingerprint: `fp-${slug}`, labels: { component: slug } }]));
    expect(res.status).toBe(200);
    // The Workers entry purges the changed components' badges by this header.
    expect(res.headers.get("candor-changed-components")).toBe(slug);
    const data = res.json.data;
    expect(data.applied).toEqual([
      { fingerprint: `fp-${slug}`, component: slug, alert: "firing", status: "major_outage" },
    ]);
    expect(data.components).toEqual([{ component: slug, from: "operational", to: "major_outage" }]);
    expect(await statusOf(slug)).toBe("major_outage");
    const again = await post(am([{ fingerprint: `second-${slug}`, labels: { component: slug, severity: "warning" } }]));
    expect(again.headers.get("candor-changed-components")).toBeNull();
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, "component.alert_status"));
    const row = rows.find((r) => r.details.slug === slug);
    expect(row?.details).toMatchObject({
      from: "operational",
      to: "major_outage",
      source: "alertmanager",
      fingerprints: [`fp-${slug}`],
    });
    // Recorded as the alert's doing, for component.update webhooks.
    const events = await t.db
      .select()
      .from(componentEvents)
      .where(eq(componentEvents.componentId, row?.targetId ?? ""));
    expect(events).toEqual([
      expect.objectContaining({ previousStatus: "operational", status: "major_outage", cause: "alert" }),
    ]);
    // The public page shows it at once (the cache is told of the write).
    expect((await t.app.request("/api/v2/components.json")).status).toBe(200);
    const v2 = await (await t.app.request("/api/v2/components.json")).json();
    expect(v2.components.find((c: { name: string }) => c.name === slug).status).toBe("major_outage");
  });

  it("Should let the worst firing alert win, and the next worst take over when it resolves", async () => {
    const slug = await component();
    const warning = { fingerprint: `w-${slug}`, labels: { component: slug, severity: "warning", alertname: "Slow" } };
    const critical = { fingerprint: `c-${slug}`, labels: { component: slug, severity: "critical" } };
    await send(am([warning, critical]));
    expect(await statusOf(slug)).toBe("major_outage");
    await send(am([{ ...critical, status: "resolved" }]));
    expect(await statusOf(slug)).toBe("degraded_performance");
    await send(am([{ ...warning, status: "resolved" }]));
    expect(await statusOf(slug)).toBe("operational");
  });

  it("Should give back the status the component had before alerts took hold", async () => {
    const slug = await component("partial_outage");
    const alert = { fingerprint: `fp-${slug}`, labels: { component: slug, severity: "critical" } };
    await send(am([alert]));
    expect(await statusOf(slug)).toBe("major_outage");
    const data = await send(am([{ ...alert, status: "resolved" }]));
    expect(data.components).toEqual([{ component: slug, from: "major_outage", to: "partial_outage" }]);
    expect(await statusOf(slug)).toBe("partial_outage");
  });

  it("Should give back a status set by hand while the alert fired, not the one from before it", async () => {
    const slug = await component("partial_outage");
    const alert = { fingerprint: `fp-${slug}`, labels: { component: slug, severity: "critical" } };
    await send(am([alert]));
    expect((await t.call("PATCH", `/api/v1/components/${slug}`, { status: "degraded_performance" })).status).toBe(200);
    await send(am([{ ...alert, status: "resolved" }]));
    expect(await statusOf(slug)).toBe("degraded_performance");
  });

  it("Should leave an open incident's status when the alert resolves", async () => {
    const slug = await component();
    const alert = { fingerprint: `fp-${slug}`, labels: { component: slug, severity: "warning" } };
    await send(am([alert]));
    const { id } = await t.declare({ components: { [slug]: "partial_outage" } });
    expect(await statusOf(slug)).toBe("partial_outage");
    const data = await send(am([{ ...alert, status: "resolved" }]));
    expect(data.components).toEqual([]);
    expect(await statusOf(slug)).toBe("partial_outage");
    // Resolving the incident is people's business; then the component is free.
    await t.postUpdate(id, { status: "resolved", message: "Fixed." });
    expect(await statusOf(slug)).toBe("operational");
  });

  it("Should keep a firing alert's status when an incident on the component is resolved", async () => {
    const slug = await component();
    const alert = { fingerprint: `fp-${slug}`, labels: { component: slug, severity: "warning" } };
    const { id } = await t.declare({ components: { [slug]: "major_outage" } });
    await send(am([alert]));
    expect(await statusOf(slug)).toBe("major_outage");
    // Monitoring still sees trouble: the resolution leaves the alert's status, not operational.
    await t.postUpdate(id, { status: "resolved", message: "Fixed." });
    expect(await statusOf(slug)).toBe("degraded_performance");
    await send(am([{ ...alert, status: "resolved" }]));
    expect(await statusOf(slug)).toBe("operational");
  });

  it("Should treat repeated notifications as nothing new: no status write, no audit row", async () => {
    const slug = await component();
    const alert = { fingerprint: `fp-${slug}`, labels: { component: slug } };
    await send(am([alert]));
    const before = await auditCount();
    const repeat = await send(am([alert]));
    expect(repeat.applied).toEqual([]);
    expect(repeat.unchanged).toEqual([{ fingerprint: `fp-${slug}`, component: slug, reason: "repeat" }]);
    expect(await auditCount()).toBe(before);

    await send(am([{ ...alert, status: "resolved" }]));
    const afterResolve = await auditCount();
    const again = await send(am([{ ...alert, status: "resolved" }]));
    expect(again.unchanged).toEqual([{ fingerprint: `fp-${slug}`, component: slug, reason: "repeat" }]);
    expect(await auditCount()).toBe(afterResolve);
    expect(await statusOf(slug)).toBe("operational");
  });

  it("Should not let a late notification undo a newer state", async () => {
    const slug = await component();
    const fingerprint = `fp-${slug}`;
    const labels = { component: slug };
    // It fired, resolved, and fired again (a new start); the first resolution arrives late.
    await send(am([{ fingerprint, labels, startsAt: "2026-11-23T11:50:00Z" }]));
    await send(am([{ fingerprint, labels, startsAt: "2026-11-23T11:58:00Z" }]));
    const late = await send(am([{ fingerprint, labels, startsAt: "2026-11-23T11:50:00Z", status: "resolved" }]));
    expect(late.unchanged).toEqual([{ fingerprint, component: slug, reason: "out_of_order" }]);
    expect(await statusOf(slug)).toBe("major_outage");
    // Resolved, then the firing notice of that same start arrives after it.
    await send(am([{ fingerprint, labels, startsAt: "2026-11-23T11:58:00Z", status: "resolved" }]));
    const stale = await send(am([{ fingerprint, labels, startsAt: "2026-11-23T11:58:00Z" }]));
    expect(stale.unchanged[0].reason).toBe("out_of_order");
    expect(await statusOf(slug)).toBe("operational");
  });

  it("Should report alerts for unknown components with 200 and apply the rest", async () => {
    const slug = await component();
    const data = await send(
      am([
        { fingerprint: "nope-1", labels: { component: "no-such-thing" } },
        { fingerprint: "nope-2", labels: { component: "" } },
        { fingerprint: `fp-${slug}`, labels: { component: slug } },
      ]),
    );
    expect(data.unknown).toEqual([
      { fingerprint: "nope-1", component: "no-such-thing", reason: 'no component has slug "no-such-thing"' },
      { fingerprint: "nope-2", component: null, reason: "no component label" },
    ]);
    expect(data.applied.map((a: { fingerprint: string }) => a.fingerprint)).toEqual([`fp-${slug}`]);
    expect(await statusOf(slug)).toBe("major_outage");
  });

  it("Should log alerts for unknown components by fingerprint and slug, never the key or the labels", async () => {
    const lines: { fields: Record<string, unknown>; message?: string }[] = [];
    const log = {
      ...silentLogger,
      warn: (fields: Record<string, unknown>, message?: string) => lines.push({ fields, message }),
    };
    const app = createApp({ db: t.db, config: t.config, clock: t.clock.read, log, publicCache: { versionTtlMs: 0 } });
    const body = am([{ fingerprint: "lost-1", labels: { component: "gone", secret_label: "s3cr3t" } }]);
    const res = await app.request("/api/v1/integrations/alertmanager", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    const line = lines.find((l) => l.message === "alerts not applied");
    expect(line?.fields).toMatchObject({
      source: "alertmanager",
      unknown: [{ fingerprint: "lost-1", component: "gone", reason: 'no component has slug "gone"' }],
    });
    const written = JSON.stringify(lines);
    expect(written).not.toContain(key);
    expect(written).not.toContain("s3cr3t");
  });

  it("Should refuse a malformed payload with 400 naming the field, writing nothing", async () => {
    const slug = await component();
    const { fingerprint: _, ...noFingerprint } = am([{ fingerprint: "x", labels: { component: slug } }]).alerts[0];
    const res = await post({ ...am([]), alerts: [noFingerprint] });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ field: "alerts.0.fingerprint", message: "is required" }]);
    const version = await post({ ...am([{ fingerprint: "x", labels: { component: slug } }]), version: "3" });
    expect(version.status).toBe(400);
    expect(version.json.error.message).toMatch(/^version: /);
    const time = await post(am([{ fingerprint: "x", labels: { component: slug }, startsAt: "yesterday" }]));
    expect(time.json.error.details[0].field).toBe("alerts.0.startsAt");
    const query = await post(am([{ fingerprint: "x", labels: { component: slug } }]), {
      query: "?severity.critical=on_fire",
    });
    expect(query.status).toBe(400);
    expect(query.json.error.details[0].field).toBe("severity.critical");
    expect(await statusOf(slug)).toBe("operational");
  });

  it("Should let extra fields through: senders' payloads grow", async () => {
    const slug = await component();
    const body = { ...am([{ fingerprint: `fp-${slug}`, labels: { component: slug }, newField: [1] }]), later: {} };
    expect((await send(body)).applied).toHaveLength(1);
  });

  it("Should answer 401 without a key and 403 for a key without integrations:write", async () => {
    const body = am([{ fingerprint: "auth", labels: { component: "api" } }]);
    expect((await post(body, { token: null })).status).toBe(401);
    const other = await newKey(["components:write", "incidents:write"]);
    const res = await post(body, { token: other });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toContain("integrations:write");
    expect((await post(body, { token: other, source: "grafana" })).status).toBe(403);
  });

  it("Should map with the key's alert_mapping, and let the query override it", async () => {
    const slug = await component();
    const mapped = await newKey(["integrations:write"], {
      component_label: "service",
      severities: { critical: "partial_outage", page: "major_outage" },
    });
    const listed = (await t.call("GET", "/api/v1/api-keys")).json.data;
    expect(listed.find((k: { alert_mapping: unknown }) => k.alert_mapping)?.alert_mapping).toEqual({
      component_label: "service",
      severities: { critical: "partial_outage", page: "major_outage" },
    });
    const alert = { fingerprint: `fp-${slug}`, labels: { component: "api", service: slug, severity: "critical" } };
    await send(am([alert]), { token: mapped });
    expect(await statusOf(slug)).toBe("partial_outage");
    const paged = { fingerprint: `pg-${slug}`, labels: { service: slug, severity: "page" } };
    await send(am([paged]), { token: mapped });
    expect(await statusOf(slug)).toBe("major_outage");

    const other = await component();
    const overridden = { fingerprint: `q-${other}`, labels: { app: other, severity: "critical" } };
    const data = await send(am([overridden]), {
      token: mapped,
      query: "?component_label=app&severity.critical=degraded_performance",
    });
    expect(data.applied[0]).toMatchObject({ component: other, status: "degraded_performance" });
    expect(await statusOf(other)).toBe("degraded_performance");
    // info maps to none: recorded, nothing moves; unknown severities are a degraded_performance.
    const third = await component();
    const info = await send(am([{ fingerprint: `i-${third}`, labels: { component: third, severity: "info" } }]));
    expect(info.applied[0].status).toBe("none");
    expect(await statusOf(third)).toBe("operational");
    await send(am([{ fingerprint: `u-${third}`, labels: { component: third, severity: "whatever" } }]));
    expect(await statusOf(third)).toBe("degraded_performance");
  });

  it("Should refuse an alert_mapping on a key that cannot send alerts", async () => {
    const res = await t.call("POST", "/api/v1/api-keys", {
      name: "no",
      scopes: ["components:write"],
      alert_mapping: { component_label: "service" },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].field).toBe("alert_mapping");
  });

  it("Should declare one incident per alert group from candor_declare, and none while one is open", async () => {
    const slug = await component();
    const template = `tpl-${slug}`;
    const created = await t.call("POST", "/api/v1/templates", {
      name: template,
      title: "API errors",
      message: "Our monitoring sees API errors; we are looking into it.",
    });
    expect(created.status, created.text).toBe(201);
    const group = `{}:{component="${slug}"}`;
    const alerts: Alert[] = [
      { fingerprint: `a-${slug}`, labels: { component: slug, candor_declare: template } },
      {
        fingerprint: `b-${slug}`,
        labels: { component: slug, alertname: "Other" },
        annotations: { candor_declare: template },
      },
    ];
    const first = await send(am(alerts, group));
    expect(first.declared).toHaveLength(1);
    expect(first.not_declared).toHaveLength(1);
    const incidentId = first.declared[0].incident_id;
    const incident = (await t.call("GET", `/api/v1/incidents/${incidentId}`)).json.data;
    expect(incident.title).toBe("API errors");
    expect(incident.components).toEqual([expect.objectContaining({ slug, status: "major_outage" })]);
    // Alertmanager repeats the group: nothing more.
    const repeat = await send(am(alerts, group));
    expect(repeat.declared).toEqual([]);
    // Another group on the same component while the incident is open: none either, and why.
    const other = await send(
      am([{ fingerprint: `c-${slug}`, labels: { component: slug, candor_declare: template } }], `{}:{other="1"}`),
    );
    expect(other.declared).toEqual([]);
    expect(other.not_declared[0].reason).toContain(incidentId);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "alert.declare"), eq(auditLog.targetId, incidentId)));
    expect(audit[0].details).toMatchObject({ fingerprint: `a-${slug}`, group_key: group, source: "alertmanager" });
    // The incident stays open when the alerts resolve: resolving it is people's business.
    await send(
      am(
        alerts.map((a) => ({ ...a, status: "resolved" })),
        group,
      ),
    );
    expect((await t.call("GET", `/api/v1/incidents/${incidentId}`)).json.data.status).not.toBe("resolved");
  });

  it("Should report a template that does not exist and still apply the alert", async () => {
    const slug = await component();
    const data = await send(
      am([{ fingerprint: `fp-${slug}`, labels: { component: slug, candor_declare: "missing" } }]),
    );
    expect(data.declared).toEqual([]);
    expect(data.not_declared[0].reason).toContain('no template is named "missing"');
    expect(await statusOf(slug)).toBe("major_outage");
  });

  it("Should take Grafana's documented payload end to end", async () => {
    const slug = await component();
    const body = structuredClone(grafanaDoc);
    body.alerts[0].labels = { ...body.alerts[0].labels, component: slug, severity: "warning" };
    body.alerts[0].fingerprint = `g1-${slug}`;
    body.alerts[1].fingerprint = `g2-${slug}`;
    const data = await send(body, { source: "grafana" });
    expect(data.applied).toEqual([
      { fingerprint: `g1-${slug}`, component: slug, alert: "firing", status: "degraded_performance" },
    ]);
    expect(data.unknown).toEqual([{ fingerprint: `g2-${slug}`, component: null, reason: "no component label" }]);
    expect(await statusOf(slug)).toBe("degraded_performance");
    const resolved = structuredClone(body);
    resolved.status = "resolved";
    resolved.state = "ok";
    resolved.alerts[0].status = "resolved";
    resolved.alerts[0].endsAt = "2021-10-12T10:01:03.157076+02:00";
    await send(resolved, { source: "grafana" });
    expect(await statusOf(slug)).toBe("operational");
    const missing = structuredClone(body);
    delete missing.groupKey;
    const res = await post(missing, { source: "grafana" });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ field: "groupKey", message: "is required" }]);
  });

  it("Should list both receivers in the OpenAPI document", async () => {
    const doc = await (await t.app.request("/api/v1/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/integrations/alertmanager", "/api/v1/integrations/grafana"]),
    );
    expect(doc.components.schemas.Scope.enum).toContain("integrations:write");
  });
});

describe.each(databaseKinds)("alerts send component.update webhooks on %s", (kind) => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestApp(kind, {
      channels: async (deps) => [localWebhookChannel(deps)],
    });
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it("Should send one component.update per status an alert changes, and none for a repeat", async () => {
    expect((await t.call("POST", "/api/v1/components", { slug: "api", name: "API" })).status).toBe(201);
    const hook = await t.call("POST", "/api/v1/subscribers", {
      type: "webhook",
      url: `${receiver.url}/hook`,
      events: ["component"],
    });
    expect(hook.status, hook.text).toBe(201);
    const key = (await t.call("POST", "/api/v1/api-keys", { name: "am", scopes: ["integrations:write"] })).json.key;
    const send = async (body: unknown) => {
      const res = await t.call("POST", "/api/v1/integrations/alertmanager", body, { token: key });
      expect(res.status, res.text).toBe(200);
      await (t.engine as Engine).drain();
    };
    const alert = { fingerprint: "hooked", labels: { component: "api" } };
    await send(am([alert]));
    await send(am([alert]));
    await send(am([{ ...alert, status: "resolved" }]));
    const changes = receiver
      .to("/hook")
      .filter((r) => r.headers["x-candor-event"] === "component.update")
      .map((r) => [r.json.component_update.old_status, r.json.component_update.new_status]);
    expect(changes).toEqual([
      ["operational", "major_outage"],
      ["major_outage", "operational"],
    ]);
  });
});
