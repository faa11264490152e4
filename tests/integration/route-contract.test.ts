// The route contract, in Unkey's runCommonRouteTests style: every /api/v1
// operation in the OpenAPI document gets the same security and error checks,
// so a new route cannot skip them. The list comes from the document itself,
// and every /api/v1 route the app registers must be in it.
//
// The scope a route needs is read from its one source of truth, the route's
// own `middleware: requireScope(...)`: requireScope is wrapped to tag the
// middleware it returns, and createRoute to record each route's middleware.
//
// Runs on both databases: keys are looked up in the database on every request.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { scopes as allScopes, type Scope } from "../../src/services/api-keys/index.ts";
import { adminToken, startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { type Answer, readAnswer } from "../support/http.ts";

const seen = vi.hoisted(() => ({
  scopeOf: new WeakMap<object, string>(),
  middlewareOf: new Map<string, unknown[]>(),
}));

vi.mock("../../src/middleware/auth.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/middleware/auth.ts")>();
  return {
    ...real,
    requireScope: (scope: Scope) => {
      const middleware = real.requireScope(scope);
      seen.scopeOf.set(middleware, scope);
      return middleware;
    },
  };
});

vi.mock("@hono/zod-openapi", async (importOriginal) => {
  const real = await importOriginal<typeof import("@hono/zod-openapi")>();
  return {
    ...real,
    createRoute: ((route: { method: string; path: string; middleware?: unknown }) => {
      const list = route.middleware === undefined ? [] : [route.middleware].flat();
      seen.middlewareOf.set(`${route.method.toUpperCase()} ${route.path}`, list);
      return real.createRoute(route as never);
    }) as typeof real.createRoute,
  };
});

type Operation = {
  method: string;
  path: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, unknown>;
};

/** The scope a route's middleware demands, or null when any live key may call it. */
function scopeOf(op: Operation): string | null {
  const middleware = seen.middlewareOf.get(`${op.method} ${op.path}`);
  if (!middleware) throw new Error(`${op.method} ${op.path} was not made with createRoute, so its scope is unknown`);
  const found = middleware.map((m) => seen.scopeOf.get(m as object)).filter((s) => s !== undefined);
  expect(found.length, `${op.method} ${op.path} demands at most one scope`).toBeLessThanOrEqual(1);
  return found[0] ?? null;
}

/** The one error shape: `{ error: { code, message, details?, requestId } }` and nothing else. */
function expectErrorShape(res: Answer, code: string, what: string) {
  expect(res.headers.get("content-type"), what).toMatch(/^application\/json/);
  expect(Object.keys(res.json ?? {}), `${what}: ${res.text}`).toEqual(["error"]);
  const { error } = res.json;
  expect(error.code, `${what}: ${res.text}`).toBe(code);
  expect(error.message, what).toEqual(expect.any(String));
  expect(error.requestId, what).toEqual(expect.any(String));
  for (const key of Object.keys(error)) expect(["code", "message", "details", "requestId"], what).toContain(key);
  if ("details" in error) {
    for (const d of error.details) expect(Object.keys(d).sort(), what).toEqual(["field", "message"]);
  }
}

const jsonType = /^application\/([a-z.-]+\+)?json$/;
/** A type no route takes. */
const wrongType = "application/xml";

describe.each(databaseKinds)("the route contract for every /api/v1 operation on %s", (kind) => {
  let t: TestApp;
  let operations: Operation[];
  const keys = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp(kind);
    const doc = await t.call("GET", "/api/v1/openapi.json", undefined, { token: null });
    expect(doc.status).toBe(200);
    operations = Object.entries(doc.json.paths as Record<string, Record<string, Omit<Operation, "method" | "path">>>)
      .filter(([path]) => path.startsWith("/api/v1/"))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
      );
  });
  afterAll(() => t.close());

  /** A key holding every scope except `lacking` (and admin, which holds them all). */
  async function keyWithout(lacking: string) {
    const granted = allScopes.filter((s) => s !== lacking && s !== "admin");
    const name = `contract without ${lacking}`;
    if (!keys.has(name)) {
      const created = await t.call("POST", "/api/v1/api-keys", { name, scopes: granted });
      expect(created.status, created.text).toBe(201);
      keys.set(name, created.json.key);
    }
    return keys.get(name) as string;
  }

  /** Sends a request to the operation, its path parameters filled with an id that names nothing. */
  async function send(
    op: Operation,
    init: { token?: string; contentType?: string; body?: string | Uint8Array<ArrayBuffer> } = {},
  ) {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.contentType) headers["content-type"] = init.contentType;
    const path = op.path.replace(/\{[^}]+\}/g, "contract-missing");
    return readAnswer(await t.app.request(path, { method: op.method, headers, body: init.body }));
  }

  const bodyTypes = (op: Operation) => Object.keys(op.requestBody?.content ?? {});
  const takesJson = (op: Operation) => bodyTypes(op).some((type) => jsonType.test(type));

  it("Should list every /api/v1 route the app serves in the OpenAPI document", async () => {
    const documented = new Set(operations.map((op) => `${op.method} ${op.path.replace(/\{([^}]+)\}/g, ":$1")}`));
    const served = t.app.routes
      .filter((r) => r.path.startsWith("/api/v1/") && r.method !== "ALL" && r.path !== "/api/v1/openapi.json")
      .map((r) => `${r.method} ${r.path}`);
    expect(served.length).toBeGreaterThan(0);
    for (const route of new Set(served)) expect(documented, route).toContain(route);
    expect(operations.length).toBeGreaterThanOrEqual(20);
  });

  it("Should document the Bearer key and the 401 on every operation", () => {
    for (const op of operations) {
      const what = `${op.method} ${op.path}`;
      expect(op.security, what).toEqual([{ Bearer: [] }]);
      expect(Object.keys(op.responses), what).toContain("401");
    }
  });

  it("Should answer 401 with a challenge in the error shape without a key", async () => {
    for (const op of operations) {
      const what = `${op.method} ${op.path}`;
      const res = await send(op, takesJson(op) ? { contentType: "application/json", body: "{}" } : {});
      expect(res.status, what).toBe(401);
      expect(res.headers.get("www-authenticate"), what).toBe('Bearer realm="candor"');
      expectErrorShape(res, "UNAUTHORIZED", what);
    }
  });

  it("Should answer 403 naming the scope to a key without it, and let any key read what needs no scope", async () => {
    for (const op of operations) {
      const what = `${op.method} ${op.path}`;
      const scope = scopeOf(op);
      if (scope === null) {
        // Only reads are open to every key; a write without a scope is a forgotten requireScope.
        expect(op.method, `${what} needs a scope`).toBe("GET");
        const res = await send(op, { token: await keyWithout("admin") });
        expect([401, 403], `${what}: ${res.text}`).not.toContain(res.status);
        continue;
      }
      const res = await send(op, {
        token: await keyWithout(scope),
        ...(takesJson(op) ? { contentType: "application/json", body: "{}" } : {}),
      });
      expect(res.status, what).toBe(403);
      expectErrorShape(res, "FORBIDDEN", what);
      expect(res.json.error.message, what).toBe(`this key lacks the ${scope} scope`);
    }
  });

  it("Should answer malformed JSON with 400 naming the body", async () => {
    for (const op of operations.filter(takesJson)) {
      const what = `${op.method} ${op.path}`;
      const res = await send(op, { token: adminToken, contentType: "application/json", body: '{"title": ' });
      expect(res.status, what).toBe(400);
      expectErrorShape(res, "BAD_REQUEST", what);
      expect(res.json.error.details, what).toEqual([{ field: "body", message: "is not valid JSON" }]);
    }
  });

  it("Should answer a content type the route does not take with 415 naming the types it does", async () => {
    for (const op of operations.filter((o) => bodyTypes(o).length > 0)) {
      const what = `${op.method} ${op.path}`;
      const res = await send(op, { token: adminToken, contentType: wrongType, body: "<title>x</title>" });
      expect(res.status, what).toBe(415);
      expectErrorShape(res, "UNSUPPORTED_MEDIA_TYPE", what);
      for (const type of bodyTypes(op)) expect(res.json.error.message, what).toContain(type);
      // And each type it does take gets past the gate (a CSV import stays a CSV import).
      for (const type of bodyTypes(op)) {
        const body = jsonType.test(type) ? "{}" : "";
        const accepted = await send(op, { token: adminToken, contentType: type, body });
        expect(accepted.status, `${what} with ${type}: ${accepted.text}`).not.toBe(415);
      }
    }
  });

  it("Should answer a body that is not UTF-8, or labelled another charset, with 400 INVALID_ENCODING", async () => {
    // ff fe c3 28: no UTF-8 decoder reads these bytes without inventing U+FFFD.
    const bad = new Uint8Array([...new TextEncoder().encode('{"title":"'), 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]);
    for (const op of operations.filter((o) => bodyTypes(o).length > 0)) {
      for (const type of bodyTypes(op)) {
        const body = jsonType.test(type) ? "{}" : "email\na@example.com\n";
        for (const [contentType, sent] of [
          [type, bad],
          [`${type}; charset=utf-16`, body],
        ] as const) {
          const what = `${op.method} ${op.path} with ${contentType}`;
          const res = await send(op, { token: adminToken, contentType, body: sent });
          expect(res.status, `${what}: ${res.text}`).toBe(400);
          expectErrorShape(res, "INVALID_ENCODING", what);
          expect(res.json.error.message, what).toMatch(/^(body|charset): /);
        }
      }
    }
  });

  it("Should never answer 500 to junk JSON, and answer it in the error shape", async () => {
    const junk: unknown[] = [
      null,
      0,
      "x",
      true,
      {},
      [1, 2],
      { title: null },
      { title: {}, message: [] },
      { eta: 1e20 },
    ];
    for (const op of operations.filter(takesJson)) {
      for (const body of [...junk.map((j) => JSON.stringify(j)), '"\\u0000"']) {
        const what = `${op.method} ${op.path} ${body}`;
        const res = await send(op, { token: adminToken, contentType: "application/json", body });
        expect(res.status, `${what}: ${res.text}`).toBeLessThan(500);
        if (res.status >= 400) expectErrorShape(res, res.json?.error?.code, what);
      }
    }
  });
});
