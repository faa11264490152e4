// The inbox of posts heard on X (issue 16): stored once whichever sources
// found them, tied to the incident open at the time, listed newest first
// for mentions:read, triaged and deleted with mentions:write, and never shown
// on the public pages. On both databases.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { XPost } from "../../src/channels/types.ts";
import { systemActor } from "../../src/services/context.ts";
import { storeHeardPosts } from "../../src/services/mentions/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";

const account = { id: "1790000000000000001", username: "candorstatus" };
let sequence = 0;

function post(overrides: Partial<XPost> = {}): XPost {
  sequence++;
  return {
    id: `18000000000000${String(sequence).padStart(5, "0")}`,
    authorId: `2000${sequence}`,
    authorUsername: `person${sequence}`,
    text: `@candorstatus login is failing for me (${sequence})`,
    createdAt: new Date(Date.UTC(2026, 10, 24, 12, 0, sequence)),
    conversationId: null,
    inReplyToUserId: null,
    isRetweet: false,
    mentions: ["candorstatus"],
    ...overrides,
  };
}

describe.each(databaseKinds)("the inbox API on %s", (kind) => {
  let t: TestApp;
  let reader: string;
  let writer: string;
  let other: string;
  beforeEach(async () => {
    t = await startTestApp(kind);
    const key = async (scopes: string[]) =>
      (await t.call("POST", "/api/v1/api-keys", { name: scopes.join(" "), scopes })).json.key as string;
    reader = await key(["mentions:read"]);
    writer = await key(["mentions:write"]);
    other = await key(["incidents:write", "subscribers:read"]);
  });
  afterEach(() => t.close());

  const ctx = () => ({ db: t.db, config: t.config, clock: t.clock.read, actor: systemActor });
  const store = (posts: XPost[], source: "mentions" | "search") => storeHeardPosts(ctx(), { posts, source, account });

  it("Should store a post found by both sources once, with both, and say which posts were new to the source", async () => {
    const a = post();
    const b = post({ text: "login broken at example co", mentions: [] });
    expect(await store([a], "mentions")).toEqual([a.id]);
    expect((await store([a, b], "search")).sort()).toEqual([a.id, b.id].sort());
    expect(await store([a, b], "search")).toEqual([]);
    const res = await t.call("GET", "/api/v1/mentions", undefined, { token: reader });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data.map((m: { id: string }) => m.id)).toEqual([b.id, a.id]);
    expect(res.json.data[1]).toMatchObject({
      found_by: ["mentions", "search"],
      mentions_us: true,
      author: { id: a.authorId, username: a.authorUsername },
      url: `https://x.com/${a.authorUsername}/status/${a.id}`,
      state: "new",
      incident_id: null,
    });
    expect(res.json.data[0]).toMatchObject({ found_by: ["search"], mentions_us: false });
  });

  it("Should tie a post to the incident open when it was heard, and filter by incident, source and state", async () => {
    await store([post()], "mentions");
    const { id: incident } = await t.declare();
    const during = post();
    await store([during], "search");
    const byIncident = await t.call("GET", `/api/v1/mentions?incident=${incident}`, undefined, { token: reader });
    expect(byIncident.json.data.map((m: { id: string }) => m.id)).toEqual([during.id]);
    const bySource = await t.call("GET", "/api/v1/mentions?source=mentions", undefined, { token: reader });
    expect(bySource.json.data).toHaveLength(1);
    expect(bySource.json.data[0].incident_id).toBeNull();
    await t.call("PATCH", `/api/v1/mentions/${during.id}`, { state: "handled" }, { token: writer });
    const handled = await t.call("GET", "/api/v1/mentions?state=handled", undefined, { token: reader });
    expect(handled.json.data.map((m: { id: string }) => m.id)).toEqual([during.id]);
  });

  it("Should count the distinct people heard about an incident on its API document, leaving us out", async () => {
    const { id: incident } = await t.declare();
    const ada = post();
    await store([ada, post({ authorId: ada.authorId, authorUsername: ada.authorUsername }), post()], "mentions");
    await store([post({ authorId: account.id, authorUsername: account.username })], "search");
    const res = await t.call("GET", `/api/v1/incidents/${incident}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.data.heard).toEqual({ people: 2, inbox: `/api/v1/mentions?incident=${incident}` });
  });

  it("Should page newest first by cursor, without repeating or skipping a post", async () => {
    const posts = Array.from({ length: 7 }, () => post());
    await store(posts, "mentions");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const res = await t.call("GET", `/api/v1/mentions?limit=3${query}`, undefined, { token: reader });
      expect(res.status, res.text).toBe(200);
      seen.push(...res.json.data.map((m: { id: string }) => m.id));
      cursor = res.json.next_cursor;
    } while (cursor);
    expect(seen).toEqual(posts.map((p) => p.id).reverse());
  });

  it("Should triage with a note, clear the note with null, and name the field of a bad body", async () => {
    const p = post();
    await store([p], "mentions");
    const path = `/api/v1/mentions/${p.id}`;
    const noted = await t.call("PATCH", path, { state: "acknowledged", note: "Emailed them" }, { token: writer });
    expect(noted.status, noted.text).toBe(200);
    expect(noted.json.data).toMatchObject({ state: "acknowledged", note: "Emailed them" });
    expect((await t.call("PATCH", path, { note: null }, { token: writer })).json.data).toMatchObject({
      state: "acknowledged",
      note: null,
    });
    const bad = await t.call("PATCH", path, { state: "done" }, { token: writer });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].field).toBe("state");
    const empty = await t.call("PATCH", path, {}, { token: writer });
    expect(empty.status).toBe(400);
    const unknown = await t.call("PATCH", "/api/v1/mentions/1", { state: "handled" }, { token: writer });
    expect(unknown.status).toBe(404);
  });

  it("Should delete a post for good on request, and 404 after", async () => {
    const p = post();
    await store([p], "mentions");
    expect((await t.call("DELETE", `/api/v1/mentions/${p.id}`, undefined, { token: writer })).status).toBe(204);
    expect((await t.call("DELETE", `/api/v1/mentions/${p.id}`, undefined, { token: writer })).status).toBe(404);
    expect((await t.call("GET", "/api/v1/mentions", undefined, { token: reader })).json.data).toEqual([]);
  });

  it("Should keep the inbox from keys without its scopes, and off the public pages", async () => {
    const p = post({ authorUsername: "ada_reports", text: "@candorstatus checkout is down for ada" });
    await store([p], "mentions");
    expect((await t.call("GET", "/api/v1/mentions", undefined, { token: other })).status).toBe(403);
    expect((await t.call("GET", "/api/v1/mentions", undefined, { token: writer })).status).toBe(403);
    expect((await t.call("PATCH", `/api/v1/mentions/${p.id}`, { state: "handled" }, { token: reader })).status).toBe(
      403,
    );
    for (const path of ["/", "/history", "/feed.rss", "/feed.atom", "/api/v2/summary.json", "/api/v2/incidents.json"]) {
      const res = await t.app.request(path);
      const body = await res.text();
      expect(body, path).not.toContain("ada_reports");
      expect(body, path).not.toContain("checkout is down for ada");
    }
  });
});
