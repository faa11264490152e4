import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";

describe.each(databaseKinds)("components API on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it("Should create, list in display order, edit and delete components", async () => {
    const created = await t.call("POST", "/api/v1/components", {
      slug: "web",
      name: "Website",
      group: "Frontend",
      position: 2,
      description: "Marketing site",
    });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({
      slug: "web",
      name: "Website",
      group: "Frontend",
      position: 2,
      description: "Marketing site",
      status: "operational",
    });
    await t.call("POST", "/api/v1/components", { slug: "api", name: "API", group: "Frontend", position: 1 });
    await t.call("POST", "/api/v1/components", { slug: "billing", name: "Billing" });

    const list = await t.call("GET", "/api/v1/components");
    expect(list.status).toBe(200);
    // Other tests share the app: look only at the three made here, in the order listed.
    const mine = (c: { slug: string }) => ["billing", "api", "web"].includes(c.slug);
    expect(list.json.data.filter(mine).map((c: { slug: string }) => c.slug)).toEqual(["billing", "api", "web"]);

    const patched = await t.call("PATCH", "/api/v1/components/web", { status: "degraded_performance", group: null });
    expect(patched.status).toBe(200);
    expect(patched.json.data).toMatchObject({ status: "degraded_performance", group: null, name: "Website" });

    const deleted = await t.call("DELETE", "/api/v1/components/billing");
    expect(deleted.status).toBe(204);
    const after = await t.call("GET", "/api/v1/components");
    expect(after.json.data.map((c: { slug: string }) => c.slug)).not.toContain("billing");
    expect((await t.call("DELETE", "/api/v1/components/billing")).status).toBe(404);

    // A deleted slug can be used again.
    expect((await t.call("POST", "/api/v1/components", { slug: "billing", name: "Billing v2" })).status).toBe(201);
  });

  it("Should refuse a duplicate slug with 409 naming the field", async () => {
    await t.call("POST", "/api/v1/components", { slug: "dup", name: "One" });
    const res = await t.call("POST", "/api/v1/components", { slug: "dup", name: "Two" });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("CONFLICT");
    expect(res.json.error.details).toEqual([{ field: "slug", message: "already exists" }]);
  });

  it("Should reject bad input with 400 naming each field", async () => {
    const res = await t.call("POST", "/api/v1/components", { slug: "Bad Slug!", name: "", position: -1, extra: 1 });
    expect(res.status).toBe(400);
    const fields = res.json.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(["extra", "name", "position", "slug"]);
    expect(res.json.error.requestId).toEqual(expect.any(String));

    const badStatus = await t.call("PATCH", "/api/v1/components/web", { status: "on_fire" });
    expect(badStatus.status).toBe(400);
    expect(badStatus.json.error.message).toMatch(/^status: /);

    const missing = await t.call("PATCH", "/api/v1/components/nope", { name: "x" });
    expect(missing.status).toBe(404);
  });

  it("Should refuse to delete a component an open incident affects", async () => {
    await t.call("POST", "/api/v1/components", { slug: "db", name: "Database" });
    const declared = await t.call("POST", "/api/v1/incidents", {
      title: "DB slow",
      message: "Looking",
      components: { db: "degraded_performance" },
    });
    const res = await t.call("DELETE", "/api/v1/components/db");
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain(declared.json.data.id);
  });

  it("Should write an audit row for every component write", async () => {
    expect((await t.call("POST", "/api/v1/components", { slug: "audited", name: "Audited" })).status).toBe(201);
    expect((await t.call("PATCH", "/api/v1/components/audited", { name: "Audited again" })).status).toBe(200);
    expect((await t.call("DELETE", "/api/v1/components/audited")).status).toBe(204);
    const rows = await t.db.select().from(auditLog);
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["component.create", "component.update", "component.delete"]));
    expect(rows.every((r) => r.actor === "CANDOR_ADMIN_TOKEN" && r.requestId)).toBe(true);
  });
});
