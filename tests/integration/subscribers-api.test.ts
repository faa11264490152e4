import { and, count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, outbox, subscribers } from "../../src/db/schema/index.ts";
import { adminToken, startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { readAnswer } from "../support/http.ts";

type Json = Record<string, unknown>;

describe.each(databaseKinds)("subscribers admin API on %s", (kind) => {
  // A database of its own for each test: several count every subscriber, so each
  // test's world holds exactly the subscribers it adds (see seedWorld).
  let t: TestApp;
  let reader: string;
  let writer: string;
  beforeEach(async () => {
    t = await startTestApp(kind);
    for (const slug of ["api", "web", "db"])
      await t.call("POST", "/api/v1/components", { slug, name: slug.toUpperCase() });
    reader = (await t.call("POST", "/api/v1/api-keys", { name: "reader", scopes: ["subscribers:read"] })).json.key;
    writer = (await t.call("POST", "/api/v1/api-keys", { name: "writer", scopes: ["incidents:write"] })).json.key;
  });
  afterEach(() => t.close());

  /** Sends a raw body (CSV unless told otherwise) with the admin key. */
  async function send(method: string, path: string, body: string, contentType = "text/csv", token = adminToken) {
    const res = await t.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": contentType },
      body,
    });
    return readAnswer(res);
  }
  const importCsv = (csv: string) => send("POST", "/api/v1/subscribers/import", csv);
  const rowCount = async () => (await t.db.select({ n: count() }).from(subscribers))[0].n;
  const auditCount = async () => (await t.db.select({ n: count() }).from(auditLog))[0].n;
  const byEmail = async (email: string) =>
    (
      await t.db
        .select()
        .from(subscribers)
        .where(and(eq(subscribers.type, "email"), eq(subscribers.email, email)))
    )[0];
  /** Adds an active email subscriber over the admin API; returns it as listed. */
  async function addEmail(email: string, components?: string[]): Promise<Json> {
    const res = await t.call("POST", "/api/v1/subscribers", { type: "email", email, components });
    expect(res.status, res.text).toBe(201);
    return res.json.data;
  }
  /** The webhook on db at hooks.acme.test, whose URL holds a comma (quoted in the export). */
  async function addAcmeWebhook(): Promise<Json> {
    const res = await t.call("POST", "/api/v1/subscribers", {
      type: "webhook",
      url: "https://hooks.acme.test/candor?team=ops,sre",
      components: ["db"],
    });
    expect(res.status, res.text).toBe(201);
    return res.json.data;
  }
  /** 3000 addresses on api: over 64 KB as CSV, and three export batches of 1000. */
  const bulkCsv = () =>
    [
      "email,components",
      ...Array.from({ length: 3000 }, (_, i) => `bulk-${String(i).padStart(5, "0")}@example.net,api`),
    ].join("\n");
  /**
   * A lived-in list, as the other tests leave one: active addresses with and without
   * components, a webhook, and a suppressed address; with `bulk`, 3000 more on api.
   */
  async function seedWorld({ bulk = false } = {}) {
    await addEmail("alice@example.com", ["api", "web"]);
    await addAcmeWebhook();
    await addEmail("carol@example.com", ["db"]);
    await addEmail("dave@example.com", ["web"]);
    await addEmail("grace@example.com", ["api", "db"]);
    await addEmail("heidi@example.com", []);
    const bounced = await addEmail("bounced@example.org");
    await t.db
      .update(subscribers)
      .set({ state: "suppressed", failures: 3, lastError: "550 no such user" })
      .where(eq(subscribers.id, bounced.id as string));
    if (bulk) expect((await importCsv(bulkCsv())).json.data.added).toBe(3000);
  }
  /** Every subscriber the API lists, following cursors. */
  async function listAll(query = "", token = adminToken): Promise<Json[]> {
    const out: Json[] = [];
    let cursor: string | null = null;
    do {
      const sep = query ? "&" : "";
      const res = await t.call(
        "GET",
        `/api/v1/subscribers?${query}${sep}limit=500${cursor ? `&cursor=${cursor}` : ""}`,
        undefined,
        { token },
      );
      expect(res.status, res.text).toBe(200);
      out.push(...res.json.data);
      cursor = res.json.next_cursor;
    } while (cursor);
    return out;
  }

  it("Should let subscribers:read list and export, refuse it writes with 403, and refuse no key with 401", async () => {
    expect((await t.call("GET", "/api/v1/subscribers", undefined, { token: reader })).status).toBe(200);
    expect((await t.call("GET", "/api/v1/subscribers/export", undefined, { token: reader })).status).toBe(200);

    const before = await rowCount();
    const add = await t.call(
      "POST",
      "/api/v1/subscribers",
      { type: "email", email: "r@example.com" },
      { token: reader },
    );
    expect(add.status).toBe(403);
    expect(add.json.error).toMatchObject({ code: "FORBIDDEN", message: "this key lacks the admin scope" });
    expect((await t.call("DELETE", "/api/v1/subscribers/sub_x", undefined, { token: reader })).status).toBe(403);
    expect(
      (await send("POST", "/api/v1/subscribers/import", "email\nr@example.com\n", "text/csv", reader)).status,
    ).toBe(403);

    // A key without subscribers:read sees no subscriber data at all.
    expect((await t.call("GET", "/api/v1/subscribers", undefined, { token: writer })).status).toBe(403);
    expect((await t.call("GET", "/api/v1/subscribers/export", undefined, { token: writer })).status).toBe(403);
    expect(
      (await t.call("POST", "/api/v1/subscribers", { type: "email", email: "w@example.com" }, { token: writer }))
        .status,
    ).toBe(403);

    for (const [method, path] of [
      ["GET", "/api/v1/subscribers"],
      ["GET", "/api/v1/subscribers/export"],
      ["POST", "/api/v1/subscribers"],
      ["POST", "/api/v1/subscribers/import"],
      ["DELETE", "/api/v1/subscribers/sub_x"],
    ]) {
      const res = await t.call(
        method,
        path,
        method === "POST" ? { type: "email", email: "n@example.com" } : undefined,
        {
          token: null,
        },
      );
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect(await rowCount()).toBe(before);
  });

  it("Should add a pre-confirmed email address, lowercased, without a confirmation email", async () => {
    const outboxBefore = (await t.db.select({ n: count() }).from(outbox))[0].n;
    const res = await t.call("POST", "/api/v1/subscribers", {
      type: "email",
      email: "  Alice@Example.COM ",
      components: ["api", "web"],
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.secret).toBeUndefined();
    expect(res.json.data).toEqual({
      id: expect.stringMatching(/^sub_/),
      type: "email",
      email: "alice@example.com",
      url: null,
      kind: null,
      state: "active",
      components: ["api", "web"],
      events: ["incident"],
      failures: 0,
      last_error: null,
      confirmed_at: t.clock.now.toISOString(),
      unsubscribed_at: null,
      quarantined_at: null,
      created_at: t.clock.now.toISOString(),
    });
    expect((await t.db.select({ n: count() }).from(outbox))[0].n).toBe(outboxBefore);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, res.json.data.id));
    expect(audit).toMatchObject({ action: "subscriber.create", actor: "CANDOR_ADMIN_TOKEN", targetType: "subscriber" });
    expect(JSON.stringify(audit.details)).not.toContain("alice@");
  });

  it("Should refuse unknown components and bad addresses with a 400 naming the field, writing nothing", async () => {
    const [rows, audits] = [await rowCount(), await auditCount()];
    const unknown = await t.call("POST", "/api/v1/subscribers", {
      type: "email",
      email: "bob@example.com",
      components: ["api", "nope"],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toEqual([{ field: "components", message: 'no component has slug "nope"' }]);

    const cases: [unknown, string, RegExp][] = [
      [{ type: "email", email: "not-an-address" }, "email", /email address/],
      [{ type: "email", email: `${"a".repeat(250)}@example.com` }, "email", /254/],
      [{ type: "email" }, "email", /required/],
      [{ type: "email", email: 5 }, "email", /string/],
      [{ type: "email", email: "a@example.com", url: "https://x.example" }, "url", /known field/],
      [{ type: "sms", email: "a@example.com" }, "type", /email/],
      [{ email: "a@example.com" }, "type", /./],
      [{ type: "email", email: "a@example.com", components: "api" }, "components", /list/],
      [{ type: "email", email: "a@example.com", components: [""] }, "components.0", /lowercase/],
      [{ type: "email", email: "a@example.com", components: ["api\u0000"] }, "components.0", /lowercase/],
      [{ type: "webhook", url: "ftp://hooks.example.com/x" }, "url", /http/],
      [{ type: "webhook", url: "javascript:alert(1)" }, "url", /http/],
      [{ type: "webhook", url: "https://" }, "url", /URL/],
      [{ type: "webhook", url: `https://hooks.example.com/${"x".repeat(2000)}` }, "url", /2000/],
      [{ type: "webhook" }, "url", /required/],
      [[1], "body", /object/],
    ];
    for (const [body, field, message] of cases) {
      const res = await t.call("POST", "/api/v1/subscribers", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const problem = res.json.error.details.find((d: { field: string }) => d.field === field);
      expect(problem, `${field} in ${res.text}`).toBeDefined();
      expect(problem.message).toMatch(message);
    }
    const malformed = await t.call("POST", "/api/v1/subscribers", '{"type": "email", ');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.details).toEqual([{ field: "body", message: "is not valid JSON" }]);
    expect([await rowCount(), await auditCount()]).toEqual([rows, audits]);
  });

  it("Should add a webhook with a secret shown once, never listed or exported", async () => {
    const res = await t.call("POST", "/api/v1/subscribers", {
      type: "webhook",
      url: "https://hooks.acme.test/candor?team=ops,sre",
      components: ["db"],
    });
    expect(res.status, res.text).toBe(201);
    const secret: string = res.json.secret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    // The same secret in the Standard Webhooks form: whsec_ and the base64 of its bytes.
    const whsec: string = res.json.standard_webhooks_secret;
    expect(Buffer.from(whsec.replace(/^whsec_/, ""), "base64").toString()).toBe(secret);
    expect(res.json.data).toMatchObject({
      type: "webhook",
      email: null,
      url: "https://hooks.acme.test/candor?team=ops,sre",
      state: "active",
      components: ["db"],
    });
    expect(res.json.data).not.toHaveProperty("secret");
    const [stored] = await t.db.select().from(subscribers).where(eq(subscribers.id, res.json.data.id));
    expect(stored.secret).toBe(secret);

    const list = await t.call("GET", "/api/v1/subscribers?type=webhook");
    expect(list.json.data.map((s: Json) => s.id)).toContain(res.json.data.id);
    expect(list.text).not.toContain(secret);
    expect(list.text).not.toContain('"secret"');
    expect(list.text).not.toContain(whsec);
    const csv = await t.call("GET", "/api/v1/subscribers/export");
    expect(csv.text).not.toContain(secret);
    expect(csv.text).not.toContain(whsec);

    // The same URL again: no second webhook, no new secret; a quarantined one is active again.
    await t.db
      .update(subscribers)
      .set({ state: "quarantined", quarantinedAt: t.clock.read(), failures: 10, lastError: "HTTP 500" })
      .where(eq(subscribers.id, res.json.data.id));
    const again = await t.call("POST", "/api/v1/subscribers", {
      type: "webhook",
      url: "https://hooks.acme.test/candor?team=ops,sre",
    });
    expect(again.status).toBe(200);
    expect(again.json.secret).toBeUndefined();
    expect(again.json.standard_webhooks_secret).toBeUndefined();
    expect(again.json.data).toMatchObject({
      id: res.json.data.id,
      state: "active",
      failures: 0,
      last_error: null,
      quarantined_at: null,
      components: ["db"],
    });
    const [kept] = await t.db.select().from(subscribers).where(eq(subscribers.id, res.json.data.id));
    expect(kept.secret).toBe(secret);
  });

  it("Should answer 200 and make an existing address active again, with the components given", async () => {
    // Someone subscribed on the public form and never confirmed; another unsubscribed.
    const form = await t.app.request("/subscribe", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "Carol@example.com", components: ["api"] }),
    });
    expect(form.status).toBe(202);
    expect((await byEmail("carol@example.com")).state).toBe("pending");
    t.clock.advance(60_000);
    const res = await t.call("POST", "/api/v1/subscribers", { type: "email", email: "CAROL@example.com" });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toMatchObject({
      email: "carol@example.com",
      state: "active",
      components: ["api"], // omitted: kept
      confirmed_at: t.clock.now.toISOString(),
    });

    const left = (
      await t.call("POST", "/api/v1/subscribers", { type: "email", email: "dave@example.com", components: ["web"] })
    ).json.data;
    await t.db
      .update(subscribers)
      .set({ state: "unsubscribed", unsubscribedAt: t.clock.read() })
      .where(eq(subscribers.id, left.id));
    const back = await t.call("POST", "/api/v1/subscribers", {
      type: "email",
      email: "dave@example.com",
      components: [],
    });
    expect(back.status).toBe(200);
    expect(back.json.data).toMatchObject({ id: left.id, state: "active", unsubscribed_at: null, components: [] });
    expect((await byEmail("dave@example.com")).componentIds).toEqual([]);

    // Already active with the same components: 200, nothing written.
    const audits = await auditCount();
    const same = await t.call("POST", "/api/v1/subscribers", {
      type: "email",
      email: "dave@example.com",
      components: [],
    });
    expect(same.status).toBe(200);
    expect(same.json.data.confirmed_at).toBe(back.json.data.confirmed_at);
    expect(await auditCount()).toBe(audits);
  });

  it("Should page newest first with an opaque cursor, filter by type and state, and refuse a bad cursor", async () => {
    await addAcmeWebhook();
    const created: string[] = [];
    for (let i = 0; i < 25; i++) {
      t.clock.advance(1000);
      const res = await t.call("POST", "/api/v1/subscribers", { type: "email", email: `page${i}@example.org` });
      created.push(res.json.data.id);
    }
    const newest = [...created].reverse();
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const res = await t.call(
        "GET",
        `/api/v1/subscribers?type=email&state=active&limit=10${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.status, res.text).toBe(200);
      sizes.push(res.json.data.length);
      seen.push(...res.json.data.map((s: Json) => s.id));
      cursor = res.json.next_cursor;
      if (seen.length <= 10) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    } while (cursor);
    // The webhook is filtered out: the 25 addresses are all there is to page through.
    expect(seen).toEqual(newest);
    expect(new Set(seen).size).toBe(seen.length);
    expect(sizes[0]).toBe(10);

    const webhooks = await listAll("type=webhook");
    expect(webhooks.length).toBeGreaterThan(0);
    expect(webhooks.every((s) => s.type === "webhook" && s.email === null)).toBe(true);
    await t.db
      .update(subscribers)
      .set({ state: "suppressed", failures: 3, lastError: "550 no such user" })
      .where(eq(subscribers.id, created[3]));
    const suppressed = await listAll("state=suppressed", reader);
    expect(suppressed).toEqual([
      expect.objectContaining({ id: created[3], state: "suppressed", failures: 3, last_error: "550 no such user" }),
    ]);

    for (const query of [
      "cursor=nope",
      "cursor=WzEsMl0",
      `cursor=${btoa('["x","y"]')}`,
      `cursor=${encodeURIComponent(btoa('["2026-11-23T12:00:00Z","sub_\\u0000"]'))}`,
    ]) {
      const res = await t.call("GET", `/api/v1/subscribers?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.error.details[0]).toEqual({ field: "cursor", message: "is not a cursor this API returned" });
    }
    // NUL never reaches the database: refused up front, naming the parameter.
    const nul = await t.call("GET", "/api/v1/subscribers?cursor=%00");
    expect(nul.status).toBe(400);
    expect(nul.json.error.details[0]).toEqual({ field: "cursor", message: "must not contain NUL characters" });
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["limit=ten", "limit"],
      ["type=sms", "type"],
      ["state=gone", "state"],
    ]) {
      const res = await t.call("GET", `/api/v1/subscribers?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.error.details[0].field).toBe(field);
    }
  });

  it("Should delete a subscriber for good: 204, then 404", async () => {
    const added = (await t.call("POST", "/api/v1/subscribers", { type: "email", email: "erin@example.com" })).json.data;
    const res = await t.call("DELETE", `/api/v1/subscribers/${added.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(await byEmail("erin@example.com")).toBeUndefined();
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, added.id), eq(auditLog.action, "subscriber.delete")));
    expect(audit.details).toEqual({ type: "email", state: "active" });
    const again = await t.call("DELETE", `/api/v1/subscribers/${added.id}`);
    expect(again.status).toBe(404);
    expect(again.json.error).toMatchObject({ code: "NOT_FOUND", message: `subscriber ${added.id} was not found` });
    expect((await t.call("DELETE", `/api/v1/subscribers/${"x".repeat(65)}`)).status).toBe(400);
    expect((await t.call("DELETE", "/api/v1/subscribers/sub_%00")).status).toBe(400);
  });

  it("Should import a CSV file: quoted fields, CRLF, blank lines, either separator, counts", async () => {
    // Already here: alice as the file has her, carol on other components, dave unsubscribed.
    await addEmail("alice@example.com", ["api", "web"]);
    await addEmail("carol@example.com", ["api"]);
    await addEmail("dave@example.com", []);
    await t.db
      .update(subscribers)
      .set({ state: "unsubscribed", unsubscribedAt: t.clock.read() })
      .where(eq(subscribers.email, "dave@example.com"));
    const csv = [
      "\uFEFFEmail,Components,Name",
      "frank@example.com,api web,Frank",
      "",
      '"Grace@Example.com","api|db","Hopper, Grace"',
      '  heidi@example.com  ,"",""',
      "   ",
      'dave@example.com,web,"He said ""hi""',
      'and left"',
      "alice@example.com,api web,Alice",
      "carol@example.com,db,Carol",
      "",
    ].join("\r\n");
    const res = await importCsv(csv);
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toEqual({ added: 3, reactivated: 1, updated: 1, unchanged: 1, skipped: 0 });
    expect(await byEmail("grace@example.com")).toMatchObject({ state: "active", confirmedAt: t.clock.read() });
    const listed = await listAll("type=email");
    const find = (email: string) => listed.find((s) => s.email === email);
    expect(find("frank@example.com")?.components).toEqual(["api", "web"]);
    expect(find("grace@example.com")?.components).toEqual(["api", "db"]);
    expect(find("heidi@example.com")?.components).toEqual([]);
    expect(find("dave@example.com")).toMatchObject({ state: "active", components: ["web"], unsubscribed_at: null });
    expect(find("carol@example.com")?.components).toEqual(["db"]);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "subscriber.import"));
    expect(audit.details).toMatchObject({ added: 3, reactivated: 1, lines: 6 });

    // A file with only an email column keeps what existing addresses follow; JSON { csv } works too.
    const json = await send(
      "POST",
      "/api/v1/subscribers/import",
      JSON.stringify({ csv: "email\nfrank@example.com\nivan@example.com" }),
      "application/json",
    );
    expect(json.status, json.text).toBe(200);
    expect(json.json.data).toEqual({ added: 1, reactivated: 0, updated: 0, unchanged: 1, skipped: 0 });
    expect((await listAll("type=email")).find((s) => s.email === "frank@example.com")?.components).toEqual([
      "api",
      "web",
    ]);
  });

  it("Should refuse a CSV file with any bad line, naming the line, and write nothing", async () => {
    const [rows, audits] = [await rowCount(), await auditCount()];
    const cases: [string, string, RegExp][] = [
      ["email,components\nok1@example.com,api\nnot-an-email,api\n", "line 3: email", /email address/],
      ["email,components\r\n\r\nok1@example.com,api\r\nok2@example.com,nope\r\n", "line 4: components", /nope/],
      ["email\nok1@example.com\nOK1@example.com\n", "line 3: email", /repeats line 2/],
      ["email,components\nok1@example.com\n", "line 2", /1 field; the header has 2/],
      ["email\nok1@example.com,api\n", "line 2", /2 fields; the header has 1/],
      ['email,components\nok1@example.com,"api\n', "line 2", /never closed/],
      ['email,components\n"ok1@example.com"x,api\n', "line 2", /after a closing quote/],
      ["name,components\nok1@example.com,api\n", "line 1", /email column/],
      ["email,email\nok1@example.com,ok2@example.com\n", "line 1", /twice/],
      ["email,type\nok1@example.com,sms\n", "line 2: type", /email, webhook or chat/],
      ["email,state\nok1@example.com,gone\n", "line 2: state", /one of/],
      ["", "csv", /empty/],
      ["\n\n  \n", "csv", /empty/],
      ['email,components\n"a@example.com","api\nweb"\nnot-an-email,\n', "line 4: email", /email address/],
      ["email,components\nok1@example.com,api Web\n", "line 2: components", /"Web"/],
      ["email,components\nok1@example.com,\u0000\n", "line 2: components", /no component/],
    ];
    for (const [csv, field, message] of cases) {
      const res = await importCsv(csv);
      expect(res.status, JSON.stringify(csv)).toBe(400);
      expect(res.json.error.details[0].field, res.text).toBe(field);
      expect(res.json.error.details[0].message).toMatch(message);
      expect(res.json.error.message).toBe(`${field}: ${res.json.error.details[0].message}`);
    }
    expect(await byEmail("ok1@example.com")).toBeUndefined();

    const many = ["email", ...Array.from({ length: 50 }, (_, i) => `bad${i}`)].join("\n");
    const listed = await importCsv(many);
    expect(listed.status).toBe(400);
    expect(listed.json.error.details).toHaveLength(20);

    const jsonBad = await send("POST", "/api/v1/subscribers/import", JSON.stringify({ csv: 5 }), "application/json");
    expect(jsonBad.status).toBe(400);
    expect(jsonBad.json.error.details[0].field).toBe("csv");
    const jsonJunk = await send("POST", "/api/v1/subscribers/import", "{nope", "application/json");
    expect(jsonJunk.status).toBe(400);
    expect(jsonJunk.json.error.details[0].field).toBe("body");
    const extra = await send(
      "POST",
      "/api/v1/subscribers/import",
      JSON.stringify({ csv: "email\n", x: 1 }),
      "application/json",
    );
    expect(extra.json.error.details[0]).toEqual({ field: "x", message: "is not a known field" });

    const form = await send(
      "POST",
      "/api/v1/subscribers/import",
      "email=a@example.com",
      "application/x-www-form-urlencoded",
    );
    expect(form.status).toBe(415);
    expect(form.json.error.message).toMatch(/text\/csv/);
    expect([await rowCount(), await auditCount()]).toEqual([rows, audits]);
  });

  it("Should take an import over 64 KB but not over 5 MB", async () => {
    const csv = bulkCsv();
    expect(csv.length).toBeGreaterThan(64 * 1024);
    const res = await importCsv(csv);
    expect(res.status, res.text).toBe(200);
    expect(res.json.data.added).toBe(3000);
    const again = await importCsv(csv);
    expect(again.json.data).toEqual({ added: 0, reactivated: 0, updated: 0, unchanged: 3000, skipped: 0 });

    const huge = await importCsv(`email\n${"x".repeat(5 * 1024 * 1024)}`);
    expect(huge.status).toBe(413);
    expect(huge.json.error.message).toBe("body: must be at most 5 MB");
    // Other routes keep the 64 KB limit.
    const other = await t.call("POST", "/api/v1/subscribers", { type: "email", email: "x".repeat(70 * 1024) });
    expect(other.status).toBe(413);
  });

  it("Should export every subscriber as RFC 4180 CSV in keyset batches", async () => {
    await seedWorld({ bulk: true });
    const res = await t.call("GET", "/api/v1/subscribers/export", undefined, { token: reader });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="subscribers-${t.clock.now.toISOString().slice(0, 10)}.csv"`,
    );
    const lines = res.text.split("\r\n");
    expect(lines[0]).toBe("id,type,email,url,state,components,confirmed_at,created_at,events,kind");
    expect(lines.at(-1)).toBe("");
    const total = await rowCount();
    expect(total).toBeGreaterThan(3000); // more than three batches of 1000
    expect(lines).toHaveLength(total + 2);
    const ids = lines.slice(1, -1).map((l) => l.split(",")[0]);
    expect(new Set(ids).size).toBe(total);
    expect([...ids].sort()).toEqual(ids);
    const hook = lines.find((l) => l.includes("hooks.acme.test"));
    expect(hook).toMatch(/^sub_\w+,webhook,,"https:\/\/hooks\.acme\.test\/candor\?team=ops,sre",active,db,/);
    const grace = lines.find((l) => l.includes("grace@example.com"));
    expect(grace).toMatch(/^sub_\w+,email,grace@example\.com,,active,api db,2026-11-23T\d\d:\d\d:\d\d\.\d{3}Z,/);
  });

  it("Should keep spreadsheets from running an exported value as a formula, and import it back as it was", async () => {
    for (const email of ["-ops@example.com", "+1@example.com"]) {
      const res = await t.call("POST", "/api/v1/subscribers", { type: "email", email });
      expect(res.status, res.text).toBe(201);
    }
    const exported = (await t.call("GET", "/api/v1/subscribers/export")).text;
    const lines = exported.split("\r\n");
    // A leading apostrophe: the cell is text, not a formula (=, +, -, @ would start one).
    expect(lines.find((l) => l.includes("ops@example.com"))).toMatch(/^sub_\w+,email,'-ops@example\.com,/);
    expect(lines.find((l) => l.includes("1@example.com"))).toMatch(/^sub_\w+,email,'\+1@example\.com,/);
    const before = await listAll();
    const again = await importCsv(exported);
    expect(again.status, again.text).toBe(200);
    expect(again.json.data.added).toBe(0);
    expect(await listAll()).toEqual(before);
    expect(before.map((s) => s.email)).toEqual(expect.arrayContaining(["-ops@example.com", "+1@example.com"]));
  });

  it("Should import its own export: nothing changes here, and the same active list in a new install", async () => {
    await seedWorld({ bulk: true });
    const exported = (await t.call("GET", "/api/v1/subscribers/export")).text;
    const before = await listAll();
    const same = await importCsv(exported);
    expect(same.status, same.text).toBe(200);
    const activeEmails = before.filter((s) => s.type === "email" && s.state === "active");
    expect(same.json.data).toEqual({
      added: 0,
      reactivated: 0,
      updated: 0,
      unchanged: activeEmails.length,
      skipped: before.length - activeEmails.length,
    });
    expect(await listAll()).toEqual(before);

    const fresh = await startTestApp(kind);
    try {
      for (const slug of ["db", "web", "api"])
        await fresh.call("POST", "/api/v1/components", { slug, name: slug.toUpperCase() });
      const moved = await fresh.app.request("/api/v1/subscribers/import", {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "text/csv; charset=utf-8" },
        body: exported,
      });
      expect(moved.status).toBe(200);
      expect(((await moved.json()) as { data: Json }).data.added).toBe(activeEmails.length);
      const again = await fresh.call("GET", "/api/v1/subscribers?limit=500&type=email");
      const got = new Map<string, unknown>();
      let page = again.json;
      for (;;) {
        for (const s of page.data) got.set(s.email, [...s.components].sort());
        if (!page.next_cursor) break;
        page = (await fresh.call("GET", `/api/v1/subscribers?limit=500&type=email&cursor=${page.next_cursor}`)).json;
      }
      expect(got).toEqual(new Map(activeEmails.map((s) => [s.email, [...(s.components as string[])].sort()])));
    } finally {
      await fresh.close();
    }
  });

  it("Should never answer 500 to junk, and never show subscribers on public pages", async () => {
    await seedWorld();
    const junk: unknown[] = [null, 0, "x", true, {}, { type: null }, { type: "email", email: {} }, "\u0000", [[]]];
    for (const body of junk) {
      for (const path of ["/api/v1/subscribers", "/api/v1/subscribers/import"]) {
        const res = await t.call("POST", path, JSON.stringify(body));
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.json.error.requestId).toEqual(expect.any(String));
      }
    }
    for (const csv of ['"', '""x', "\u0000", ",,,\n,,,", "email\n\u0000@x.com", '"email"\n""""', "email\r\r\r"]) {
      const res = await importCsv(csv);
      expect(res.status, JSON.stringify(csv)).toBeLessThan(500);
    }

    const incident = await t.declare();
    for (const path of ["/", `/incidents/${incident.id}`, "/api/v1/openapi.json", "/docs"]) {
      const res = await t.call("GET", path, undefined, { token: null });
      expect(res.status, path).toBe(200);
      expect(res.text, path).not.toContain("alice@example.com");
      expect(res.text, path).not.toContain("hooks.acme.test");
    }
    // A subscriber id unknown or known, nothing public answers with its data.
    const [one] = await t.db.select().from(subscribers).limit(1);
    expect((await t.call("GET", `/api/v1/subscribers/${one.id}`, undefined, { token: null })).status).toBe(401);
  });

  it("Should keep pages stable across rows added between them", async () => {
    for (let i = 0; i < 12; i++) {
      t.clock.advance(1000);
      await addEmail(`stable${i}@example.org`);
    }
    const first = await t.call("GET", "/api/v1/subscribers?limit=5");
    t.clock.advance(1000);
    const late = await t.call("POST", "/api/v1/subscribers", { type: "email", email: "late@example.com" });
    const second = await t.call("GET", `/api/v1/subscribers?limit=5&cursor=${first.json.next_cursor}`);
    const ids = [...first.json.data, ...second.json.data].map((s: Json) => s.id);
    expect(ids).not.toContain(late.json.data.id);
    expect(new Set(ids).size).toBe(10);
  });
});
