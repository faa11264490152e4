// The spike alerts' API (issue 16): listed newest first by cursor for
// mentions:read, acknowledged once with mentions:write. The alerts come from
// the real check over posts stored as a poll stores them. Both databases.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { XPost } from "../../src/channels/types.ts";
import { loadConfig } from "../../src/config.ts";
import { buildChannels } from "../../src/entry/channels.ts";
import { systemActor } from "../../src/services/context.ts";
import { checkSpike } from "../../src/services/listen-alerts/index.ts";
import { storeHeardPosts } from "../../src/services/mentions/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { minutes, seconds } from "../support/time.ts";

const account = { id: "1790000000000000001", username: "candorstatus" };
let sequence = 0;

describe.each(databaseKinds)("the spike alerts API on %s", (kind) => {
  let t: TestApp;
  const key = async (scopes: string[]) => {
    const res = await t.call("POST", "/api/v1/api-keys", { name: scopes.join(" "), scopes });
    return { id: res.json.data.id as string, token: res.json.key as string };
  };
  beforeEach(async () => {
    // Listening as configured in production, minus the network: these tests store posts themselves.
    t = await startTestApp(kind, {
      TWITTER_APP_KEY: "k",
      TWITTER_APP_SECRET: "s",
      TWITTER_ACCESS_TOKEN: "t",
      TWITTER_ACCESS_SECRET: "a",
      LISTEN: "mentions",
      LISTEN_SPIKE_COOLDOWN: "PT1M",
    });
  });
  afterEach(() => t.close());

  const ctx = () => ({ db: t.db, config: t.config, clock: t.clock.read, actor: systemActor });
  /** Eight people report a problem in the last minute, and the check runs: one alert each time the cooldown allows. */
  async function spike() {
    t.clock.advance(minutes(20));
    const posts: XPost[] = Array.from({ length: 8 }, (_, i) => {
      sequence++;
      return {
        id: `18000000000000${String(sequence).padStart(5, "0")}`,
        authorId: `2000${sequence}`,
        authorUsername: `person${sequence}`,
        text: `@candorstatus checkout fails (${i})`,
        createdAt: new Date(t.clock.read().getTime() - seconds(i + 1)),
        conversationId: null,
        inReplyToUserId: null,
        isRetweet: false,
        mentions: ["candorstatus"],
      };
    });
    await storeHeardPosts(ctx(), { posts, source: "mentions", account });
    await checkSpike(ctx(), {});
  }

  it("Should list alerts newest first by cursor, without repeating or skipping one", async () => {
    for (let i = 0; i < 5; i++) await spike();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const res = await t.call("GET", `/api/v1/listen/alerts?limit=2${query}`);
      expect(res.status, res.text).toBe(200);
      seen.push(...res.json.data.map((a: { created_at: string }) => a.created_at));
      cursor = res.json.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(seen).toEqual([...seen].sort().reverse());
    expect((await t.call("GET", "/api/v1/listen/alerts?cursor=nonsense")).status).toBe(400);
  });

  it("Should acknowledge with mentions:write once, keep the first ack, and list with mentions:read only", async () => {
    const reader = await key(["mentions:read"]);
    const writer = await key(["mentions:write"]);
    await spike();
    const listed = await t.call("GET", "/api/v1/listen/alerts", undefined, { token: reader.token });
    expect(listed.status, listed.text).toBe(200);
    const id = listed.json.data[0].id as string;
    const ack = `/api/v1/listen/alerts/${id}/ack`;
    expect((await t.call("GET", "/api/v1/listen/alerts", undefined, { token: writer.token })).status).toBe(403);
    expect((await t.call("POST", ack, undefined, { token: reader.token })).status).toBe(403);
    const first = await t.call("POST", ack, undefined, { token: writer.token });
    expect(first.status, first.text).toBe(200);
    expect(first.json.data).toMatchObject({ id, acked_at: t.clock.read().toISOString(), acked_by: writer.id });
    t.clock.advance(minutes(5));
    const again = await t.call("POST", ack);
    expect(again.status, again.text).toBe(200);
    expect(again.json.data).toEqual(first.json.data);
    expect((await t.call("POST", "/api/v1/listen/alerts/alert_nope/ack")).status).toBe(404);
  });

  it("Should build the listen-alert channel (jobs only) from LISTEN_ALERT_WEBHOOK_URL, and say why it is off without", async () => {
    const off = await buildChannels(t.config, { db: t.db });
    expect(off.channels.map((c) => c.name)).not.toContain("listen-alert");
    expect(off.disabled.map((d) => d.name)).toContain("listen-alert");
    const env = { PUBLIC_URL: "http://status.test", TWITTER_APP_KEY: "k", TWITTER_APP_SECRET: "s" };
    const on = await buildChannels(
      loadConfig({
        ...env,
        TWITTER_ACCESS_TOKEN: "t",
        TWITTER_ACCESS_SECRET: "a",
        LISTEN: "mentions",
        LISTEN_ALERT_WEBHOOK_URL: "https://pager.example.com/hook",
      }),
      { db: t.db },
    );
    expect(on.channels.find((c) => c.name === "listen-alert")).toMatchObject({ jobsOnly: true });
  });
});
