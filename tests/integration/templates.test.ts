import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { minutes } from "../support/time.ts";

/** What most templates here hold: a database outage. */
const dbDown = {
  title: "Database unavailable",
  message: "Writes to the database fail; we are on it.",
  status: "identified",
  impact: "major",
  components: { db: "major_outage" },
  next_update_in: "PT15M",
};

describe.each(databaseKinds)("incident templates on %s", (kind) => {
  let t: TestApp;
  let names = 0;

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const slug of ["api", "db", "web"])
      await t.call("POST", "/api/v1/components", { slug, name: slug.toUpperCase() });
  });
  afterAll(() => t.close());

  /** A template of the test's own (so tests never share one), with `fields` over a database outage. */
  async function template(fields: Record<string, unknown> = {}) {
    const name = `tpl-${++names}`;
    const res = await t.call("POST", "/api/v1/templates", { name, ...dbDown, ...fields });
    expect(res.status, res.text).toBe(201);
    return name;
  }

  it("Should create, list, read, edit and delete a template", async () => {
    const name = await template();
    const one = await t.call("GET", `/api/v1/templates/${name}`);
    expect(one.status).toBe(200);
    expect(one.json.data).toMatchObject({ name, ...dbDown, created_by: "CANDOR_ADMIN_TOKEN" });
    const list = await t.call("GET", "/api/v1/templates");
    expect(list.json.data.map((x: { name: string }) => x.name)).toContain(name);

    const renamed = `${name}-v2`;
    t.clock.advance(minutes(1));
    const edited = await t.call("PATCH", `/api/v1/templates/${name}`, {
      name: renamed,
      title: null,
      components: { api: "degraded_performance" },
      next_update_in: "PT1H30M",
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json.data).toMatchObject({
      name: renamed,
      title: null,
      message: "Writes to the database fail; we are on it.",
      components: { api: "degraded_performance" },
      next_update_in: "PT1H30M",
      updated_at: t.clock.read().toISOString(),
    });
    expect((await t.call("GET", `/api/v1/templates/${name}`)).status).toBe(404);

    expect((await t.call("DELETE", `/api/v1/templates/${renamed}`)).status).toBe(204);
    expect((await t.call("GET", `/api/v1/templates/${renamed}`)).status).toBe(404);
    const actions = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetType, "template"));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["template.create", "template.update", "template.delete"]),
    );
  });

  it("Should refuse a bad status, impact, interval, component or name when the template is saved, naming the field", async () => {
    const base = { name: "bad-one", message: "Hello." };
    const cases: [Record<string, unknown>, string, number][] = [
      [{ status: "on_fire" }, "status", 400],
      [{ impact: "huge" }, "impact", 400],
      [{ next_update_in: "PT30S" }, "next_update_in", 400],
      [{ next_update_in: "PT25H" }, "next_update_in", 400],
      [{ next_update_in: "soon" }, "next_update_in", 400],
      [{ components: { nope: "major_outage" } }, "components.nope", 400],
      [{ components: { db: "melted" } }, "components.db", 400],
      [{ name: "Not A Slug" }, "name", 400],
      [{ message: "" }, "message", 400],
    ];
    for (const [fields, field, status] of cases) {
      const res = await t.call("POST", "/api/v1/templates", { ...base, ...fields });
      expect(res.status, `${field}: ${res.text}`).toBe(status);
      expect(
        res.json.error.details.map((d: { field: string }) => d.field),
        res.text,
      ).toContain(field);
    }
    const taken = await template();
    const dup = await t.call("POST", "/api/v1/templates", { name: taken, message: "Again." });
    expect(dup.status).toBe(409);
    expect(dup.json.error.details).toEqual([{ field: "name", message: "already exists" }]);
    const other = await template();
    const clash = await t.call("PATCH", `/api/v1/templates/${other}`, { name: taken });
    expect(clash.status).toBe(409);
    expect((await t.call("PATCH", `/api/v1/templates/${other}`, { status: "bogus" })).status).toBe(400);
    expect((await t.call("GET", "/api/v1/templates/bad-one")).status).toBe(404);
  });

  /** Declares with `body`, expecting the incident to stand as `expected` with `message` as its first words. */
  async function declares(body: Record<string, unknown>, expected: Record<string, unknown>, message: string) {
    const res = await t.call("POST", "/api/v1/incidents", body);
    expect(res.status, res.text).toBe(201);
    expect(res.json.data).toMatchObject(expected);
    expect(res.json.data.updates[0].message).toBe(message);
    return res.json.data.id as string;
  }

  it("Should declare from a template, every field it leaves out filled in", async () => {
    const name = await template();
    const id = await declares(
      { template: name },
      {
        title: "Database unavailable",
        status: "identified",
        impact: "major",
        next_update_due_at: t.clock.in(minutes(15)),
        components: [{ slug: "db", status: "major_outage" }],
      },
      "Writes to the database fail; we are on it.",
    );
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, "incident.declare")))
      .orderBy(desc(auditLog.id));
    expect(audit.details).toMatchObject({ template: name });
  });

  it("Should let the request override any field of the template", async () => {
    const overrides = {
      title: "Replica lag",
      status: "investigating",
      impact: "minor",
      components: { web: "degraded_performance" },
      next_update_at: t.clock.in(minutes(40)),
    };
    await declares(
      { template: await template(), ...overrides, message: "Reads are stale by a few minutes." },
      {
        title: overrides.title,
        status: overrides.status,
        impact: overrides.impact,
        next_update_due_at: overrides.next_update_at,
        components: [{ slug: "web", status: "degraded_performance" }],
      },
      "Reads are stale by a few minutes.",
    );
  });

  it("Should post an update from a template, and resolve with one", async () => {
    const { id } = await t.declare({ title: "Templated updates" });
    const monitoring = await template({ title: null, status: "monitoring", message: "A fix is out; we are watching." });
    const res = await t.call("POST", `/api/v1/incidents/${id}/updates`, { template: monitoring, impact: "minor" });
    expect(res.status, res.text).toBe(201);
    expect(res.json.data).toMatchObject({
      status: "monitoring",
      impact: "minor",
      message: "A fix is out; we are watching.",
    });
    expect(res.json.incident.next_update_due_at).toBe(t.clock.in(minutes(15)));
    const fixed = await template({
      title: null,
      status: "resolved",
      components: {},
      next_update_in: null,
      message: "Fixed.",
    });
    const resolved = await t.call("POST", `/api/v1/incidents/${id}/updates`, { template: fixed });
    expect(resolved.status, resolved.text).toBe(201);
    expect(resolved.json.incident.status).toBe("resolved");
    // A resolving template cannot open an incident, and one without a title cannot either.
    const declared = await t.call("POST", "/api/v1/incidents", { template: fixed, title: "x" });
    expect(declared.status).toBe(400);
    expect(declared.json.error.details[0].field).toBe("status");
    const untitled = await t.call("POST", "/api/v1/incidents", { template: monitoring, status: "investigating" });
    expect(untitled.status).toBe(400);
    expect(untitled.json.error.message).toMatch(/^title: is required; template "tpl-\d+" has no title$/);
  });

  it("Should refuse an unknown template, and a template naming a deleted component with a clear message", async () => {
    const unknown = await t.call("POST", "/api/v1/incidents", { template: "no-such-template" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toEqual([
      { field: "template", message: 'no template is named "no-such-template"' },
    ]);

    await t.call("POST", "/api/v1/components", { slug: "cache", name: "Cache" });
    const name = await template({ components: { cache: "partial_outage" } });
    t.clock.advance(minutes(5));
    expect((await t.call("DELETE", "/api/v1/components/cache")).status).toBe(204);
    const res = await t.call("POST", "/api/v1/incidents", { template: name });
    expect(res.status, res.text).toBe(409);
    expect(res.json.error.message).toContain(`template "${name}" sets component "cache", which was deleted on`);
    expect(res.json.error.message).toContain(`PATCH /api/v1/templates/${name}`);
    expect(res.json.error.details[0].field).toBe("template");
    // Components given in the request replace the template's.
    const overridden = await t.call("POST", "/api/v1/incidents", {
      template: name,
      components: { api: "partial_outage" },
    });
    expect(overridden.status, overridden.text).toBe(201);
  });

  it("Should still require a title and message without a template", async () => {
    const res = await t.call("POST", "/api/v1/incidents", {});
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { field: string }) => d.field)).toEqual(["title", "message"]);
    const update = await t.call("POST", `/api/v1/incidents/${(await t.declare()).id}/updates`, {
      status: "monitoring",
    });
    expect(update.status).toBe(400);
    expect(update.json.error.details).toEqual([
      { field: "message", message: "is required (or name a template that gives it)" },
    ]);
  });
});
