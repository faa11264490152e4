// The X channel against the fake X server over HTTP, through Candor's own X
// client (channels/x-http.ts, never mocked): threads, wording and length, and
// every error path. twitter-api-v2, an independent client, only puts a post
// there beforehand (the duplicate test). The fake's clock is the test's fake
// clock, so rate-limit windows and the engine agree on the time; nothing sleeps.
import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { twitterClientFor } from "../../scripts/fake-x/client.ts";
import { type FakeX, fakeXCredentials, startFakeX } from "../../scripts/fake-x/server.ts";
import { createTwitterChannel, threadRecipient } from "../../src/channels/twitter.ts";
import { loadConfig } from "../../src/config.ts";
import { deliveries, incidents, incidentUpdates, outbox } from "../../src/db/schema/index.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { tweetLength } from "../../src/render/tweet.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { minutes } from "../support/time.ts";

describe.each(databaseKinds)("the X channel on %s", (kind) => {
  let fake: FakeX;
  let t: TestApp;
  let engine: Engine;
  let now: () => Date = () => new Date();

  beforeAll(async () => {
    fake = await startFakeX({ clock: () => now() });
  });
  afterAll(() => fake.close());

  beforeEach(async () => {
    fake.reset();
    const env = {
      TWITTER_APP_KEY: fakeXCredentials.appKey,
      TWITTER_APP_SECRET: fakeXCredentials.appSecret,
      TWITTER_ACCESS_TOKEN: fakeXCredentials.accessToken,
      TWITTER_ACCESS_SECRET: fakeXCredentials.accessSecret,
      TWITTER_API_URL: fake.url,
      // A public address, which X counts as 23 characters whatever its length.
      PUBLIC_URL: "https://status.example.com",
    };
    const twitter = loadConfig(env).twitter;
    if (!twitter) throw new Error("the test environment should configure X");
    const channel = createTwitterChannel({ twitter });
    t = await startTestApp(kind, { env, channels: [channel] });
    now = t.clock.read;
    engine = t.engine as Engine;
  });
  afterEach(() => t.close());

  const declare = (body: Record<string, unknown> = {}) => t.declare(body);
  const postUpdate = (id: string, body: Record<string, unknown>) => t.postUpdate(id, body);
  const incidentJson = async (id: string) => (await t.call("GET", `/api/v1/incidents/${id}`)).json.data;
  const rowOf = async (updateId: string) =>
    (
      await t.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.updateId, updateId), eq(outbox.channel, "twitter")))
    )[0];
  const updatesOf = (id: string) =>
    t.db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, id)).orderBy(asc(incidentUpdates.seq));
  const liveTweets = () => fake.tweets.filter((tw) => !tw.deletedAt);
  const twitterState = async () =>
    (await t.call("GET", "/api/v1/channels")).json.data.find((c: { name: string }) => c.name === "twitter");

  it("Should tell a whole incident as one thread: declare, update, holding, ETA missed, resolve", async () => {
    const { id } = await declare({ eta: t.clock.in(minutes(50)), next_update_in: "PT30M", components: {} });
    await engine.drain();
    t.clock.advance(minutes(10));
    await postUpdate(id, { message: "We found a bad deploy and are rolling it back.", status: "identified" });
    await engine.drain();
    // 12:10 promised the next update by 12:40: nobody posts, so the machine does.
    t.clock.advance(minutes(30));
    await engine.drain();
    // The ETA of 12:50 passes unresolved.
    t.clock.advance(minutes(10));
    await engine.drain();
    t.clock.advance(minutes(5));
    await postUpdate(id, { message: "The rollback is complete and errors are gone.", status: "resolved" });
    await engine.drain();

    const updates = await updatesOf(id);
    expect(updates.map((u) => u.kind)).toEqual(["manual", "manual", "holding", "eta_missed", "resolved"]);
    const tweets = liveTweets();
    expect(tweets).toHaveLength(5);
    const url = `https://status.example.com/incidents/${id}`;
    // One thread, in order: each post replies to the one before.
    expect(tweets[0].inReplyToId).toBeNull();
    for (let i = 1; i < tweets.length; i++) {
      expect(tweets[i].inReplyToId).toBe(tweets[i - 1].id);
      expect(tweets[i].conversationId).toBe(tweets[0].id);
    }
    expect(updates.map((u) => u.tweetId)).toEqual(tweets.map((tw) => tw.id));
    expect(tweets[0].text).toBe(
      `Investigating · API errors: We see errors. We expect service back by 12:50 UTC. Next update by 12:30 UTC.\n${url}`,
    );
    expect(tweets[1].text).toBe(
      `Identified: We found a bad deploy and are rolling it back. We expect service back by 12:50 UTC. Next update by 12:40 UTC.\n${url}`,
    );
    expect(tweets[2].text).toMatch(/^Identified: /);
    expect(tweets[2].text).toContain(updates[2].body);
    expect(tweets[3].text).toContain(updates[3].body);
    expect(tweets[3].text.toLowerCase()).toContain("sorry");
    expect(tweets[4].text).toMatch(/^Resolved: The rollback is complete and errors are gone\. Resolved after 55 min/);
    expect(tweets[4].text).toContain("missed our estimate of 12:50 UTC by 5 min");
    for (const tw of tweets) {
      expect(tw.text.endsWith(`\n${url}`)).toBe(true);
      expect(tweetLength(tw.text)).toBeLessThanOrEqual(280);
      expect(tw.weightedLength).toBe(tweetLength(tw.text));
    }

    const json = await incidentJson(id);
    expect(json.twitter_thread_url).toBe(`https://x.com/i/web/status/${tweets[0].id}`);
    expect(json.updates.map((u: { tweet_id: string }) => u.tweet_id)).toEqual(tweets.map((tw) => tw.id).reverse());
    const page = await t.app.request(`/incidents/${id}`);
    expect(await page.text()).toContain(`href="https://x.com/i/web/status/${tweets[0].id}"`);
    const sent = await t.db.select().from(deliveries).where(eq(deliveries.channel, "twitter"));
    expect(sent).toHaveLength(5);
    expect(sent.every((d) => d.recipient === threadRecipient)).toBe(true);

    // Resolved: nothing more, ever.
    t.clock.advance(minutes(120));
    await engine.drain();
    expect(liveTweets()).toHaveLength(5);
  });

  it("Should cut a long message at a word with an ellipsis, keeping the promise and the link", async () => {
    const long = `${"The database primary failed over and replicas are catching up slowly. ".repeat(8)}End.`;
    const { id } = await declare({ message: long, next_update_in: "PT45M" });
    await engine.drain();
    const [tweet] = liveTweets();
    expect(tweetLength(tweet.text)).toBeLessThanOrEqual(280);
    expect(tweet.text).toMatch(/^Investigating · API errors: The database primary failed over/);
    expect(tweet.text).toMatch(/\w… Next update by 12:45 UTC\.\nhttps:\/\/status\.example\.com\/incidents\/inc_\S+$/);
    expect(tweet.text).not.toContain("End.");
    // The page and the API keep the whole message.
    expect((await incidentJson(id)).updates[0].message).toBe(long);
  });

  it("Should count CJK and emoji as 2 and a URL as 23 when cutting", async () => {
    await declare({
      title: "障害",
      message: `${"データベースの障害を調査しています。".repeat(20)} 🔥🔥 https://example.com/a/very/long/path/indeed`,
    });
    await engine.drain();
    const [tweet] = liveTweets();
    expect(tweetLength(tweet.text)).toBeLessThanOrEqual(280);
    expect(tweetLength(tweet.text)).toBeGreaterThan(240);
    expect(tweet.text).toContain("…");
    expect(tweet.text).toMatch(/Next update by 12:30 UTC\.\nhttps:\/\/status\.example\.com\/incidents\//);
  });

  it("Should post engineers' own text with the link, and refuse one over the limit naming the field", async () => {
    const custom = "API errors for some EU customers; we're on it. Details on our status page.";
    const { id } = await declare({ tweet: custom });
    await engine.drain();
    expect(liveTweets()[0].text).toBe(`${custom}\nhttps://status.example.com/incidents/${id}`);

    const before = (await t.db.select({ n: count() }).from(incidentUpdates))[0].n;
    // 256 weighted characters is the most: 280 less the newline and the 23 of the link.
    const cjk = "障".repeat(128);
    const ok = await t.call("POST", `/api/v1/incidents/${id}/updates`, { message: "m", tweet: cjk });
    expect(ok.status).toBe(201);
    for (const tooLong of ["障".repeat(129), "a".repeat(257), "😀".repeat(129)]) {
      const res = await t.call("POST", `/api/v1/incidents/${id}/updates`, { message: "m", tweet: tooLong });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/^tweet: is \d+ weighted characters; X allows 256/);
      expect(res.json.error.details[0].field).toBe("tweet");
    }
    const declared = await t.call("POST", "/api/v1/incidents", { title: "t", message: "m", tweet: "a".repeat(300) });
    expect(declared.status).toBe(400);
    expect((await t.db.select({ n: count() }).from(incidentUpdates))[0].n).toBe(before + 1);
    await engine.drain();
    expect(liveTweets()[1].text).toBe(`${cjk}\nhttps://status.example.com/incidents/${id}`);
  });

  it("Should wait for the rate limit's reset on 429 without using attempts, then post", async () => {
    fake.setRateLimit({ limit: 2, windowMs: minutes(15) });
    const a = await declare({ title: "A" });
    const b = await declare({ title: "B" });
    const c = await declare({ title: "C" });
    await engine.drain();
    expect(liveTweets()).toHaveLength(2);
    const waiting = [await rowOf(a.updateId), await rowOf(b.updateId), await rowOf(c.updateId)].find(
      (r) => r.state === "pending",
    );
    expect(waiting).toBeDefined();
    expect(waiting).toMatchObject({ attempts: 0, lastError: "X answered 429: Too Many Requests" });
    // The window started at 12:00:00 and lasts 15 minutes.
    expect(waiting?.runAt.toISOString()).toBe(t.clock.in(minutes(15)));

    t.clock.advance(minutes(14));
    await engine.drain();
    expect(liveTweets()).toHaveLength(2);
    t.clock.advance(minutes(1));
    await engine.drain();
    expect(liveTweets()).toHaveLength(3);
    expect(await rowOf(waiting?.updateId as string)).toMatchObject({ state: "done", attempts: 1 });
  });

  it("Should treat 403 duplicate content as delivered: the post is already out", async () => {
    const { id, updateId } = await declare();
    // The post went out before a crash, so X already has it.
    const expected = `Investigating · API errors: We see errors. Next update by 12:30 UTC.\nhttps://status.example.com/incidents/${id}`;
    await twitterClientFor(fake).v2.tweet(expected);
    await engine.drain();
    expect(fake.tweets).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === "POST").at(-1)?.status).toBe(403);
    expect(await rowOf(updateId)).toMatchObject({ state: "done" });
    const [sent] = await t.db.select().from(deliveries).where(eq(deliveries.updateId, updateId));
    expect(sent.receipt).toMatchObject({ duplicate: true, text: expected });
  });

  it("Should back off and retry on 5xx and network errors, then post once", async () => {
    const { updateId } = await declare();
    fake.failNext(1, 503);
    fake.failNext(1, "network");
    await engine.drain();
    expect(await rowOf(updateId)).toMatchObject({
      state: "pending",
      attempts: 1,
      lastError: "X answered 503: Service Unavailable",
    });
    expect((await twitterState()).healthy).toBe(false);
    // Backoff: 2 s × 0.75 after the first attempt.
    t.clock.advance(1499);
    await engine.drain();
    expect(await rowOf(updateId)).toMatchObject({ attempts: 1 });
    t.clock.advance(1);
    await engine.drain();
    const row = await rowOf(updateId);
    expect(row).toMatchObject({ state: "pending", attempts: 2 });
    expect(row.lastError).toMatch(/^could not reach X: /);
    t.clock.advance(minutes(1));
    await engine.drain();
    expect(await rowOf(updateId)).toMatchObject({ state: "done", attempts: 3 });
    expect(liveTweets()).toHaveLength(1);
    const state = await twitterState();
    expect(state).toMatchObject({ healthy: true, pending: 0, dead: 0 });
    expect(state.last_success_at).toBe(t.clock.in(0));
  });

  for (const [what, breakIt, fixIt] of [
    ["401 (credentials revoked)", () => fake.revoke(), () => fake.restore()],
    ["403 for permissions", () => fake.forbid(), () => fake.allow()],
  ] as const) {
    it(`Should mark the channel unhealthy on ${what}, keep every row, and deliver them in order once it works`, async () => {
      const { id } = await declare();
      await engine.drain();
      breakIt();
      const first = await postUpdate(id, { message: "Still rolling back." });
      const other = await declare({ title: "Second incident" });
      await engine.drain();
      const state = await twitterState();
      expect(state).toMatchObject({ enabled: true, healthy: false, pending: 2, dead: 0 });
      expect(state.last_error).toMatch(/^X answered (401|403)/);
      for (const updateId of [first, other.updateId]) {
        expect(await rowOf(updateId)).toMatchObject({ state: "pending", attempts: 0 });
      }
      // An hour of a broken channel uses no attempts and kills nothing, and
      // one row probes at a time rather than every row every minute.
      const postsBefore = fake.requests.filter((r) => r.method === "POST").length;
      for (let i = 0; i < 60; i++) {
        t.clock.advance(minutes(1));
        await engine.drain();
      }
      const probes = fake.requests.filter((r) => r.method === "POST").length - postsBefore;
      // One probe a minute, from the oldest row; the rest never tried.
      expect(probes).toBe(60);
      expect((await twitterState()).dead).toBe(0);

      fixIt();
      for (let i = 0; i < 3; i++) {
        t.clock.advance(minutes(1));
        await engine.drain();
      }
      // Everything owed went out, holding updates made during the hour
      // included, each incident's posts in order in its own thread.
      const tweets = liveTweets();
      const sent = await t.db.select({ n: count() }).from(incidentUpdates);
      expect(tweets).toHaveLength(sent[0].n);
      for (const incidentId of [id, other.id]) {
        const updates = await updatesOf(incidentId);
        const posts = updates.map((u) => tweets.find((tw) => tw.id === u.tweetId));
        expect(posts.every(Boolean)).toBe(true);
        expect(posts[0]?.inReplyToId).toBeNull();
        for (let i = 1; i < posts.length; i++) expect(posts[i]?.inReplyToId).toBe(posts[i - 1]?.id);
      }
      expect(tweets.find((tw) => tw.text.includes("Still rolling back."))?.inReplyToId).toBe(tweets[0].id);
      const recovered = await twitterState();
      expect(recovered).toMatchObject({ healthy: true, pending: 0, dead: 0 });
      expect(recovered.recovered_at).not.toBeNull();
    });
  }

  it("Should continue the thread in order after an X outage, replying to the last post actually published", async () => {
    const { id } = await declare({ next_update_in: "PT20M" });
    await engine.drain();
    fake.failNext(1000, 502);
    const a = await postUpdate(id, { message: "Update A.", next_update_in: "PT20M" });
    t.clock.advance(minutes(1));
    const b = await postUpdate(id, { message: "Update B.", next_update_in: "PT20M" });
    // Nobody posts for 20 minutes: a holding update joins the queue too.
    for (let i = 0; i < 25; i++) {
      t.clock.advance(minutes(1));
      await engine.drain();
    }
    // Only the oldest waiting update was ever tried: the rest queue behind it.
    expect((await rowOf(a)).attempts).toBeGreaterThan(1);
    expect(await rowOf(b)).toMatchObject({ state: "pending", attempts: 0 });
    expect(liveTweets()).toHaveLength(1);

    fake.clearFailures(); // X is back
    for (let i = 0; i < 20; i++) {
      t.clock.advance(minutes(1));
      await engine.drain();
    }
    const updates = await updatesOf(id);
    expect(updates.map((u) => u.kind).slice(0, 4)).toEqual(["manual", "manual", "manual", "holding"]);
    const tweets = liveTweets();
    expect(tweets.map((tw) => tw.id)).toEqual(updates.map((u) => u.tweetId));
    expect(tweets[1].text).toContain("Update A.");
    expect(tweets[2].text).toContain("Update B.");
    for (let i = 1; i < tweets.length; i++) expect(tweets[i].inReplyToId).toBe(tweets[i - 1].id);
  });

  it("Should reply to the last published post when an update skipped X, and restart the thread if that post was deleted", async () => {
    const { id } = await declare();
    await engine.drain();
    await postUpdate(id, { message: "Quiet on X.", notify: { twitter: false } });
    await postUpdate(id, { message: "Back on X." });
    await engine.drain();
    let tweets = liveTweets();
    expect(tweets).toHaveLength(2);
    expect(tweets[1].inReplyToId).toBe(tweets[0].id);

    fake.deleteTweet(tweets[1].id);
    await postUpdate(id, { message: "After the deletion.", status: "monitoring" });
    await engine.drain();
    tweets = liveTweets();
    expect(tweets).toHaveLength(2);
    // A new thread, naming the incident again.
    expect(tweets[1].inReplyToId).toBeNull();
    expect(tweets[1].text).toMatch(/^Monitoring · API errors: After the deletion\./);
    const [row] = await t.db.select().from(incidents).where(eq(incidents.id, id));
    expect(row.twitterThreadRootId).toBe(tweets[1].id);
  });
});

describe("GET /api/v1/channels without X credentials", () => {
  it("Should list X as not enabled, saying which variables to set", async () => {
    const t = await startTestApp("pglite");
    try {
      const { createApp } = await import("../../src/app.ts");
      const app = createApp({
        db: t.db,
        config: t.config,
        clock: t.clock.read,
        disabledChannels: [{ name: "twitter", reason: "TWITTER_APP_KEY ... are not set" }],
      });
      const res = await app.request("/api/v1/channels", {
        headers: { authorization: "Bearer test-admin-token-0123456789" },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: unknown[] };
      expect(body.data).toEqual([
        {
          name: "twitter",
          enabled: false,
          reason: "TWITTER_APP_KEY ... are not set",
          healthy: true,
          last_success_at: null,
          last_error: null,
          last_error_at: null,
          recovered_at: null,
          pending: 0,
          dead: 0,
        },
      ]);
      const unauthenticated = await app.request("/api/v1/channels");
      expect(unauthenticated.status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
