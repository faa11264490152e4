import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, etaRevisions, incidents, incidentUpdates } from "../../src/db/schema/index.ts";
import { systemActor } from "../../src/services/context.ts";
import { declareIncident } from "../../src/services/incidents/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { minutes } from "../support/time.ts";

describe.each(databaseKinds)("incidents API on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const slug of ["api", "web", "db"])
      await t.call("POST", "/api/v1/components", { slug, name: slug.toUpperCase() });
  });
  afterAll(() => t.close());

  /** Row counts of every table a verb writes, to prove a refused verb wrote nothing. */
  const counts = async () =>
    Promise.all(
      [incidents, incidentUpdates, etaRevisions, auditLog].map((table) => t.db.select({ n: count() }).from(table)),
    ).then((r) => r.map(([x]) => x.n));
  const component = async (slug: string) =>
    (await t.call("GET", "/api/v1/components")).json.data.find((c: { slug: string }) => c.slug === slug);

  it("Should declare an incident with its first update, components and a default promise", async () => {
    const res = await t.call("POST", "/api/v1/incidents", {
      title: "API errors",
      message: "We are seeing elevated errors.",
      components: { api: "major_outage" },
    });
    expect(res.status).toBe(201);
    const inc = res.json.data;
    expect(inc).toMatchObject({
      title: "API errors",
      status: "investigating",
      impact: "critical",
      eta: null,
      started_at: t.clock.now.toISOString(),
      resolved_at: null,
      next_update_due_at: t.clock.in(minutes(30)),
      created_by: "CANDOR_ADMIN_TOKEN",
      url: `http://status.test/incidents/${inc.id}`,
      components: [{ slug: "api", name: "API", status: "major_outage" }],
    });
    expect(inc.updates).toHaveLength(1);
    expect(inc.updates[0]).toMatchObject({
      message: "We are seeing elevated errors.",
      kind: "manual",
      author: "CANDOR_ADMIN_TOKEN",
      components: { api: "major_outage" },
      notify: { twitter: true, email: true, webhook: true },
    });
    expect(inc.eta_revisions).toEqual([]);
    expect((await component("api")).status).toBe("major_outage");
  });

  it("Should keep a ledger of ETA revisions and settle each honestly", async () => {
    const eta1 = t.clock.in(minutes(60));
    const declared = await t.call("POST", "/api/v1/incidents", {
      title: "Slow web",
      message: "Slow pages",
      status: "identified",
      impact: "minor",
      eta: eta1,
      next_update_in: "PT15M",
      components: { web: "degraded_performance" },
      notify: { twitter: false },
    });
    expect(declared.status).toBe(201);
    const id = declared.json.data.id;
    expect(declared.json.data).toMatchObject({
      eta: eta1,
      next_update_due_at: t.clock.in(minutes(15)),
      impact: "minor",
    });
    expect(declared.json.data.updates[0].notify).toEqual({ twitter: false, email: true, webhook: true, chat: true });
    expect(declared.json.data.eta_revisions).toMatchObject([{ previous_eta: null, eta: eta1, outcome: null }]);

    // Revised later before it passed: "revised".
    t.clock.advance(minutes(20));
    const eta2 = t.clock.in(minutes(90));
    const revised = await t.call("POST", `/api/v1/incidents/${id}/updates`, { message: "Taking longer", eta: eta2 });
    expect(revised.status).toBe(201);
    expect(revised.json.incident.eta).toBe(eta2);
    expect(revised.json.incident.next_update_due_at).toBe(t.clock.in(minutes(30)));

    // An update that says nothing about the ETA keeps it.
    t.clock.advance(minutes(10));
    const kept = await t.call("POST", `/api/v1/incidents/${id}/updates`, {
      message: "Still on it",
      status: "monitoring",
    });
    expect(kept.json.incident).toMatchObject({ eta: eta2, status: "monitoring" });

    // The ETA passes; then engineers say honestly that they do not know.
    t.clock.advance(minutes(100));
    const unknown = await t.call("POST", `/api/v1/incidents/${id}/updates`, { message: "No estimate", eta: null });
    expect(unknown.json.incident.eta).toBeNull();

    t.clock.advance(minutes(5));
    const resolved = await t.call("POST", `/api/v1/incidents/${id}/updates`, { message: "Fixed", status: "resolved" });
    expect(resolved.status).toBe(201);
    expect(resolved.json.data).toMatchObject({ kind: "resolved", status: "resolved", next_update_due_at: null });
    const ledger = resolved.json.incident.eta_revisions;
    expect(ledger.map((r: { outcome: string }) => r.outcome)).toEqual(["revised", "missed", "closed"]);
    // eta2 (t+110 min) was missed; service came back at t+135 min: late by 25 minutes in the end.
    expect(ledger[1]).toMatchObject({ previous_eta: eta1, eta: eta2, missed_by_seconds: 25 * 60 });
    expect(ledger[2]).toMatchObject({ previous_eta: eta2, eta: null });
    expect(resolved.json.incident).toMatchObject({ status: "resolved", eta: null, next_update_due_at: null });
    expect(resolved.json.incident.resolved_at).toBe(t.clock.now.toISOString());
    expect(resolved.json.incident.updates.map((u: { message: string }) => u.message)).toEqual([
      "Fixed",
      "No estimate",
      "Still on it",
      "Taking longer",
      "Slow pages",
    ]);
    expect((await component("web")).status).toBe("operational");
  });

  it("Should mark an ETA met when the incident resolves before it", async () => {
    const declared = await t.call("POST", "/api/v1/incidents", {
      title: "Blip",
      message: "Blip",
      eta: t.clock.in(minutes(30)),
    });
    t.clock.advance(minutes(10));
    const res = await t.call("POST", `/api/v1/incidents/${declared.json.data.id}/updates`, {
      message: "Done",
      status: "resolved",
    });
    expect(res.json.incident.eta_revisions).toMatchObject([{ outcome: "met", missed_by_seconds: null }]);
  });

  it("Should restore components on resolve, but not past what other open incidents say", async () => {
    const a = await t.call("POST", "/api/v1/incidents", {
      title: "A",
      message: "a",
      components: { db: "major_outage" },
    });
    const b = await t.call("POST", "/api/v1/incidents", {
      title: "B",
      message: "b",
      components: { db: "partial_outage" },
    });
    expect((await component("db")).status).toBe("partial_outage");

    const resolveA = await t.call("POST", `/api/v1/incidents/${a.json.data.id}/updates`, {
      message: "ok",
      status: "resolved",
    });
    expect(resolveA.json.data.components).toEqual({ db: "partial_outage" });
    expect((await component("db")).status).toBe("partial_outage");

    const resolveB = await t.call("POST", `/api/v1/incidents/${b.json.data.id}/updates`, {
      message: "ok",
      status: "resolved",
      components: { web: "degraded_performance" },
    });
    expect(resolveB.json.data.components).toEqual({ db: "operational", web: "degraded_performance" });
    expect((await component("db")).status).toBe("operational");
    expect((await component("web")).status).toBe("degraded_performance");
  });

  it("Should refuse updates to a resolved incident with 409", async () => {
    const d = await t.call("POST", "/api/v1/incidents", { title: "X", message: "x" });
    await t.call("POST", `/api/v1/incidents/${d.json.data.id}/updates`, { message: "ok", status: "resolved" });
    const res = await t.call("POST", `/api/v1/incidents/${d.json.data.id}/updates`, { message: "again" });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("CONFLICT");
  });

  it("Should answer 404 for an unknown incident", async () => {
    expect((await t.call("GET", "/api/v1/incidents/inc_nope")).status).toBe(404);
    const res = await t.call("POST", "/api/v1/incidents/inc_nope/updates", { message: "x" });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("NOT_FOUND");
  });

  it("Should list incidents newest first with stable cursor pages and a state filter", async () => {
    // Enough of its own for three pages, one of them resolved, whatever ran before.
    for (const title of ["Paged one", "Paged two", "Paged three", "Paged four"]) await t.declare({ title });
    const done = await t.declare({ title: "Paged and resolved" });
    await t.postUpdate(done.id, { message: "ok", status: "resolved" });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page = await t.call("GET", `/api/v1/incidents?limit=2${q}`);
      expect(page.status).toBe(200);
      expect(page.json.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.data.map((i: { id: string }) => i.id));
      cursor = page.json.next_cursor;
    } while (cursor);
    const [{ total }] = await t.db.select({ total: count() }).from(incidents);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);

    const open = await t.call("GET", "/api/v1/incidents?state=open&limit=100");
    expect(open.json.data.every((i: { resolved_at: string | null }) => i.resolved_at === null)).toBe(true);
    expect(open.json.data[0].latest_update).toMatchObject({ kind: "manual" });
    const resolved = await t.call("GET", "/api/v1/incidents?state=resolved&limit=100");
    expect(resolved.json.data.every((i: { status: string }) => i.status === "resolved")).toBe(true);
    expect(open.json.data.length + resolved.json.data.length).toBe(total);

    expect((await t.call("GET", "/api/v1/incidents?cursor=garbage")).json.error.details[0].field).toBe("cursor");
    expect((await t.call("GET", "/api/v1/incidents?limit=0")).status).toBe(400);
    expect((await t.call("GET", "/api/v1/incidents?state=maybe")).status).toBe(400);
  });

  it("Should record an audit row for declare, update and resolve", async () => {
    const { id } = await t.declare({ title: "Audited" });
    await t.postUpdate(id, { message: "Looking" });
    await t.postUpdate(id, { message: "Fixed", status: "resolved" });
    const rows = await t.db.select().from(auditLog);
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ["incident.declare", "incident.update", "incident.resolve"]) expect(actions).toContain(a);
  });

  it("Should leave no partial write when a request is refused", async () => {
    const before = await counts();
    const apiBefore = (await component("api")).status;
    // Components are checked first; the bad one must not leave the good one changed.
    const unknownSlug = await t.call("POST", "/api/v1/incidents", {
      title: "t",
      message: "m",
      eta: t.clock.in(minutes(10)),
      components: { api: "operational", ghost: "major_outage" },
    });
    expect(unknownSlug.status).toBe(400);
    expect(unknownSlug.json.error.details).toEqual([
      { field: "components.ghost", message: 'no component has slug "ghost"' },
    ]);
    const pastEta = await t.call("POST", "/api/v1/incidents", {
      title: "t",
      message: "m",
      eta: t.clock.in(-minutes(1)),
      components: { api: "operational" },
    });
    expect(pastEta.status).toBe(400);
    expect(pastEta.json.error.message).toBe("eta: must be in the future");
    expect(await counts()).toEqual(before);
    expect((await component("api")).status).toBe(apiBefore);
  });

  it("Should roll back every write when a step fails midway through a verb", async () => {
    const before = await counts();
    const apiBefore = (await component("api")).status;
    const ctx = { db: t.db, config: t.config, clock: t.clock.read, actor: systemActor };
    // The incident row and the component change are written before the update
    // row, whose notify value cannot be serialised: the whole verb must vanish.
    const poisoned = { twitter: 1n } as unknown as { twitter: boolean };
    await expect(
      declareIncident(ctx, { title: "t", message: "m", components: { api: "major_outage" }, notify: poisoned }),
    ).rejects.toThrow();
    expect(await counts()).toEqual(before);
    expect((await component("api")).status).toBe(apiBefore);
  });

  it("Should give concurrent updates to one incident distinct, ordered sequence numbers", async () => {
    const d = await t.call("POST", "/api/v1/incidents", { title: "Busy", message: "start" });
    const id = d.json.data.id;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.call("POST", `/api/v1/incidents/${id}/updates`, { message: `u${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const rows = await t.db
      .select({ seq: incidentUpdates.seq })
      .from(incidentUpdates)
      .where(eq(incidentUpdates.incidentId, id));
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
