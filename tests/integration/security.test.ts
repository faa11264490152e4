import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "../../src/db/schema/index.ts";
import { sha256Hex } from "../../src/lib/crypto.ts";
import { adminToken, startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";

describe.each(databaseKinds)("authentication, scopes and keys on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it("Should answer 401 with a challenge for a missing, malformed or unknown key", async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: "Basic abc" },
      { authorization: "Bearer nope" },
      { authorization: "Bearer" },
    ];
    for (const headers of variants) {
      const res = await t.app.request("/api/v1/incidents", { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="candor"');
      const body = (await res.json()) as { error: Record<string, unknown> };
      expect(Object.keys(body.error).sort()).toEqual(["code", "message", "requestId"]);
      expect(body.error.code).toBe("UNAUTHORIZED");
    }
  });

  it("Should store keys only as SHA-256 hashes and show the plaintext once", async () => {
    const created = await t.call("POST", "/api/v1/api-keys", { name: "deploy bot", scopes: ["incidents:write"] });
    expect(created.status).toBe(201);
    const secret: string = created.json.key;
    expect(secret).toMatch(/^cnd_[A-Za-z0-9_-]{32}$/);
    expect(created.json.data).toMatchObject({
      name: "deploy bot",
      scopes: ["incidents:write"],
      prefix: secret.slice(0, 8),
    });

    const rows = await t.db.select().from(apiKeys);
    const stored = rows.find((r) => r.id === created.json.data.id);
    expect(stored?.keyHash).toBe(await sha256Hex(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);

    const list = await t.call("GET", "/api/v1/api-keys");
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(secret);
    expect(list.text).not.toContain(stored?.keyHash);
    expect(list.json.data.map((k: { name: string }) => k.name)).toEqual(
      expect.arrayContaining(["deploy bot", "CANDOR_ADMIN_TOKEN"]),
    );
  });

  // The 403 for every route without its scope is in route-contract.test.ts.
  it("Should let a key do what its scope allows, any live key read, and name the key as the author", async () => {
    const writer = (await t.call("POST", "/api/v1/api-keys", { name: "writer", scopes: ["incidents:write"] })).json.key;
    const reader = (await t.call("POST", "/api/v1/api-keys", { name: "reader", scopes: ["subscribers:read"] })).json
      .key;

    expect((await t.call("POST", "/api/v1/incidents", { title: "t", message: "m" }, { token: writer })).status).toBe(
      201,
    );
    // Any live key may read.
    expect((await t.call("GET", "/api/v1/incidents", undefined, { token: reader })).status).toBe(200);
    expect((await t.call("GET", "/api/v1/components", undefined, { token: reader })).status).toBe(200);

    const audit = await t.call("GET", "/api/v1/incidents?limit=1", undefined, { token: writer });
    expect(audit.json.data[0].created_by).toBe("writer");
  });

  it("Should revoke keys, refuse them afterwards, and never revoke the last admin key", async () => {
    const created = await t.call("POST", "/api/v1/api-keys", { name: "temp", scopes: ["admin"] });
    expect((await t.call("GET", "/api/v1/components", undefined, { token: created.json.key })).status).toBe(200);
    expect((await t.call("DELETE", `/api/v1/api-keys/${created.json.data.id}`)).status).toBe(204);
    expect((await t.call("GET", "/api/v1/components", undefined, { token: created.json.key })).status).toBe(401);
    expect((await t.call("DELETE", `/api/v1/api-keys/${created.json.data.id}`)).status).toBe(404);

    const last = await t.call("DELETE", "/api/v1/api-keys/key_env_admin");
    expect(last.status).toBe(409);
    expect((await t.call("GET", "/api/v1/components", undefined, { token: adminToken })).status).toBe(200);
  });

  it("Should validate key requests, naming the field", async () => {
    const res = await t.call("POST", "/api/v1/api-keys", { name: "x", scopes: ["root"] });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].field).toBe("scopes.0");
    const empty = await t.call("POST", "/api/v1/api-keys", { name: "x", scopes: [] });
    expect(empty.json.error.details[0]).toEqual({ field: "scopes", message: "must name at least one scope" });
  });
});

describe.each(databaseKinds)("bad input and the one error shape on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.call("POST", "/api/v1/components", { slug: "api", name: "API" });
  });
  afterAll(() => t.close());

  // Malformed JSON (400), a wrong content type (415) and junk bodies (never 500)
  // are checked on every route with a body in route-contract.test.ts.
  it("Should answer a body over 64 KB with 413", async () => {
    const res = await t.call("POST", "/api/v1/incidents", { title: "t", message: "x".repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("Should name the field for wrong types, limits, bad times and bad durations", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ title: 5, message: "m" }, "title", /string/i],
      [{ title: "t".repeat(201), message: "m" }, "title", /at most 200/],
      [{ title: "t", message: "m".repeat(5001) }, "message", /at most 5000/],
      [{ title: "t", message: "m", eta: "tomorrow" }, "eta", /ISO 8601/],
      [{ title: "t", message: "m", eta: "2026-11-23T13:00:00" }, "eta", /offset/],
      [{ title: "t", message: "m", eta: t.clock.in(31 * 86_400_000) }, "eta", /30 days/],
      [{ title: "t", message: "m", next_update_in: "30 minutes" }, "next_update_in", /duration/],
      [{ title: "t", message: "m", next_update_in: "P2D" }, "next_update_in", /PT24H/],
      [
        { title: "t", message: "m", next_update_in: "PT5M", next_update_at: t.clock.in(600_000) },
        "next_update_at",
        /not both/,
      ],
      [{ title: "t", message: "m", status: "resolved" }, "status", /./],
      [{ title: "t", message: "m", impact: "huge" }, "impact", /./],
      [{ title: "t", message: "m", components: { api: "broken" } }, "components.api", /./],
      [{ title: "t", message: "m", notify: { sms: true } }, "notify.sms", /known field/],
      [{ title: "t", message: "   " }, "message", /empty/],
      [[1, 2], "body", /object/],
    ];
    for (const [body, field, message] of cases) {
      const res = await t.call("POST", "/api/v1/incidents", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const problem = res.json.error.details.find((d: { field: string }) => d.field === field);
      expect(problem, `${field} in ${res.text}`).toBeDefined();
      expect(problem.message).toMatch(message);
    }
  });

  it("Should answer unknown routes with the JSON error shape", async () => {
    const res = await t.call("GET", "/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("NOT_FOUND");
  });

  it("Should echo a request id on every response", async () => {
    const res = await t.app.request("/healthz", { headers: { "x-request-id": "trace-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-123");
  });

  it("Should publish the OpenAPI 3.1 document without a key, and the docs page", async () => {
    const res = await t.call("GET", "/api/v1/openapi.json", undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    expect(Object.keys(res.json.paths).sort()).toEqual([
      "/api/v1/api-keys",
      "/api/v1/api-keys/{id}",
      "/api/v1/channels",
      "/api/v1/components",
      "/api/v1/components/{slug}",
      "/api/v1/deliveries",
      "/api/v1/deliveries/{id}/retry",
      "/api/v1/eta-advice",
      "/api/v1/incidents",
      "/api/v1/incidents/{id}",
      "/api/v1/incidents/{id}/updates",
      "/api/v1/incidents/{id}/updates/{update_id}",
      "/api/v1/integrations/alertmanager",
      "/api/v1/integrations/grafana",
      "/api/v1/listen/alerts",
      "/api/v1/listen/alerts/{id}/ack",
      "/api/v1/maintenances",
      "/api/v1/maintenances/{id}",
      "/api/v1/maintenances/{id}/cancel",
      "/api/v1/maintenances/{id}/complete",
      "/api/v1/maintenances/{id}/updates",
      "/api/v1/mentions",
      "/api/v1/mentions/{id}",
      "/api/v1/stats/promises",
      "/api/v1/subscribers",
      "/api/v1/subscribers/export",
      "/api/v1/subscribers/import",
      "/api/v1/subscribers/{id}",
      "/api/v1/templates",
      "/api/v1/templates/{name}",
    ]);
    expect(res.json.components.securitySchemes.Bearer).toMatchObject({ type: "http", scheme: "bearer" });
    const docs = await t.call("GET", "/docs", undefined, { token: null });
    expect(docs.status).toBe(200);
    expect(docs.text).toContain("/api/v1/incidents/{id}/updates");
    expect(docs.text).toContain("Declare an incident");
  });
});
