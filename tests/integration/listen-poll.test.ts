// The listeners (issue 16) against the fake X over HTTP, through Candor's X
// client with real OAuth signatures: mentions and keyword search into
// the inbox, cursors that move only with a completed poll, older pages read
// on the next poll, X's 429 and 5xx, a refused account, the daily read
// budget, and two processes polling one source once. Both databases; the
// fake X's clock is the test's fake clock, so nothing sleeps.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeX, startFakeX } from "../../scripts/fake-x/server.ts";
import type { XReader } from "../../src/channels/types.ts";
import { createXReader } from "../../src/channels/x-reader.ts";
import type { ListenConfig } from "../../src/config-listen.ts";
import { heardPosts, listenSources } from "../../src/db/schema/index.ts";
import { createListener, type Listener } from "../../src/delivery/listen/listener.ts";
import { systemActor } from "../../src/services/context.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { listeningEnv } from "../support/fake-x.ts";
import { minutes } from "../support/time.ts";

describe.each(databaseKinds)("listening on X on %s", (kind) => {
  let fake: FakeX;
  let t: TestApp;
  let now: () => Date = () => new Date();

  beforeAll(async () => {
    fake = await startFakeX({ clock: () => now() });
  });
  afterAll(() => fake.close());

  async function app(extra: Record<string, string> = {}) {
    fake.reset();
    t = await startTestApp(kind, {
      env: listeningEnv(fake, extra),
    });
    now = t.clock.read;
  }
  beforeEach(() => app());
  afterEach(() => t.close());

  function listener(owner = "listener-a", wrap: (reader: XReader) => XReader = (r) => r): Listener {
    const twitter = t.config.twitter;
    if (!twitter || !t.config.listen) throw new Error("the test environment should configure listening");
    return createListener({
      ctx: { db: t.db, config: t.config, clock: t.clock.read, actor: systemActor },
      reader: wrap(createXReader({ twitter })),
      listen: t.config.listen as ListenConfig,
      owner,
      random: () => 0.5,
    });
  }
  const inbox = async () =>
    (await t.db.select().from(heardPosts)).sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
  const source = async (name: string) =>
    (await t.db.select().from(listenSources).where(eq(listenSources.source, name)))[0];
  /**
   * Posts by distinct people, 50 ms apart, ending now: after a minute has passed, so that they are newer than
   * anything read before (on X a post's id grows with its time, and since_id compares ids).
   */
  function posts(count: number, text: (i: number) => string) {
    t.clock.advance(minutes(1));
    return Array.from({ length: count }, (_, i) =>
      fake.postAs(`person${i}`, text(i), { createdAt: new Date(now().getTime() - (count - i) * 50) }),
    );
  }

  it("Should hear mentions and keyword posts, store a post both found once, and move both cursors", async () => {
    const l = listener();
    await l.pass(); // listening begins: nothing from before it is read
    t.clock.advance(minutes(2));
    const both = fake.postAs("alice", "@candorstatus is acme down for everyone?");
    const searchOnly = fake.postAs("bob", "acmeoutage again, third time this week");
    const mentionOnly = fake.postAs("carol", "@candorstatus thanks for the update");
    await l.pass();
    const heard = await inbox();
    expect(heard.map((p) => p.id).sort()).toEqual([both.id, searchOnly.id, mentionOnly.id].sort());
    const byId = new Map(heard.map((p) => [p.id, p]));
    expect(byId.get(both.id)).toMatchObject({
      foundBy: ["mentions", "search"],
      mentionsUs: true,
      authorUsername: "alice",
    });
    expect(byId.get(searchOnly.id)).toMatchObject({ foundBy: ["search"], mentionsUs: false });
    expect(byId.get(mentionOnly.id)).toMatchObject({ foundBy: ["mentions"], mentionsUs: true });
    expect((await source("mentions")).sinceId).toBe(mentionOnly.id);
    expect((await source("search")).sinceId).toBe(searchOnly.id);

    // Nothing is due until the intervals pass; then only what is new is read.
    const later = fake.postAs("dave", "@candorstatus still acme down here");
    await l.pass();
    expect(await inbox()).toHaveLength(3);
    t.clock.advance(minutes(2));
    await l.pass();
    expect((await inbox()).map((p) => p.id)).toContain(later.id);
    expect((await source("mentions")).sinceId).toBe(later.id);
    expect((await source("search")).sinceId).toBe(later.id);
  });

  it("Should read the older pages on the next poll when a poll stops at its page limit, skipping nothing", async () => {
    await t.close();
    await app({ LISTEN: "mentions", LISTEN_MENTIONS_EVERY: "PT1M" });
    const l = listener();
    const first = fake.postAs("zed", "@candorstatus hello");
    await l.pass(); // the first poll hears zed (posted as listening began) and starts the cursor
    const burst = posts(250, (i) => `@candorstatus broken for me too (${i})`);
    t.clock.advance(minutes(1));
    // X keeps the newest 800 mentions reachable: a poll reads up to 8 pages of 100, so one poll takes all 250.
    await l.pass();
    const heard = await inbox();
    expect(heard.map((p) => p.id)).toEqual([first.id, ...burst.map((p) => p.id)]);
    expect((await source("mentions")).sinceId).toBe(burst.at(-1)?.id);
    expect((await source("mentions")).resumeToken).toBeNull();
  });

  it("Should read the mentions past the 800 X's timeline keeps through recent search, losing none", async () => {
    await t.close();
    await app({ LISTEN: "mentions" });
    const l = listener();
    await l.pass(); // nothing yet: no cursor, so the next poll asks X for posts since listening began
    const burst = posts(1000, (i) => `@candorstatus down here too (${i})`);
    t.clock.advance(minutes(1));
    await l.pass();
    const heard = await inbox();
    expect(heard).toHaveLength(1000);
    expect(new Set(heard.map((p) => p.id))).toEqual(new Set(burst.map((p) => p.id)));
    expect(heard.every((p) => p.foundBy.join() === "mentions" && p.mentionsUs)).toBe(true);
    expect((await source("mentions")).sinceId).toBe(burst.at(-1)?.id);
    const usage = fake.usage();
    expect(usage["GET /2/users/:id/mentions"]).toBe(800);
    expect(usage["GET /2/tweets/search/recent"]).toBe(200);
  });

  it("Should read on through search when posts arriving mid-poll cut the timeline short of 800", async () => {
    await t.close();
    await app({ LISTEN: "mentions" });
    // While the poll pages through the timeline, 40 more people mention us: X's newest 800 now start 40 posts
    // later, so the pages come back 760 long and the 140 oldest of the burst are out of the timeline's reach.
    let arrived: { id: string }[] = [];
    const l = listener("listener-a", (reader) => ({
      ...reader,
      async mentions(userId, page) {
        const read = await reader.mentions(userId, page);
        if (page.pageToken && arrived.length === 0) {
          arrived = Array.from({ length: 40 }, (_, i) => fake.postAs(`late${i}`, `@candorstatus me too (${i})`));
        }
        return read;
      },
    }));
    await l.pass(); // listening begins
    const burst = posts(900, (i) => `@candorstatus down here too (${i})`);
    t.clock.advance(minutes(1));
    await l.pass();
    expect(arrived).toHaveLength(40);
    expect(fake.usage()["GET /2/users/:id/mentions"]).toBe(760);
    // The oldest 140 came through search; the 40 that arrived mid-poll are newer than the cursor, heard next.
    expect(new Set((await inbox()).map((p) => p.id))).toEqual(new Set(burst.map((p) => p.id)));
    t.clock.advance(minutes(1));
    await l.pass();
    expect(new Set((await inbox()).map((p) => p.id))).toEqual(new Set([...burst, ...arrived].map((p) => p.id)));
  });

  it("Should keep the page token when search stops at LISTEN_MAX_PAGES, and finish the backlog before moving on", async () => {
    await t.close();
    await app({ LISTEN_MAX_PAGES: "1" });
    const l = listener();
    await l.pass(); // nothing yet: the first poll only starts the cursors
    fake.postAs("start", "acmeoutage: first report");
    t.clock.advance(minutes(2));
    await l.pass();
    const backlog = posts(230, (i) => `acmeoutage ${i}`);
    t.clock.advance(minutes(2));
    await l.pass(); // the newest 100
    expect(await inbox()).toHaveLength(101);
    const held = await source("search");
    expect(held.resumeToken).not.toBeNull();
    expect(held.pendingSinceId).toBe(backlog.at(-1)?.id);
    const meanwhile = fake.postAs("late", "acmeoutage while paging");
    t.clock.advance(minutes(2));
    await l.pass(); // the next 100 older
    t.clock.advance(minutes(2));
    await l.pass(); // the last 30; the cursor moves to the newest of the backlog
    expect(await inbox()).toHaveLength(231);
    expect((await source("search")).sinceId).toBe(backlog.at(-1)?.id);
    t.clock.advance(minutes(2));
    await l.pass();
    expect((await inbox()).map((p) => p.id)).toContain(meanwhile.id);
    expect(fake.usage()["GET /2/tweets/search/recent"]).toBe(232);
  });

  it("Should wait for X's reset after a 429 and back off after a 5xx, with the cursor where it was", async () => {
    const l = listener();
    await l.pass();
    const before = await source("mentions");
    fake.setRateLimit({ limit: 0, windowMs: minutes(15) }, "GET /2/users/:id/mentions");
    t.clock.advance(minutes(2));
    await l.pass();
    const limited = await source("mentions");
    expect(limited.sinceId).toBe(before.sinceId);
    expect(limited.failures).toBe(1);
    expect(limited.leaseOwner).toBeNull();
    // X's x-rate-limit-reset: the end of its 15-minute window, not a guess.
    expect(limited.nextPollAt.getTime()).toBeGreaterThan(now().getTime() + minutes(10));
    expect(limited.nextPollAt.getTime()).toBeLessThanOrEqual(now().getTime() + minutes(15));

    // Only search is due now; X answers it 503 once.
    fake.failNext(1, 503, undefined, "GET /2/tweets/search/recent");
    t.clock.advance(minutes(2));
    await l.pass();
    const search = await source("search");
    expect(search.failures).toBe(1);
    // The first failure waits one interval (2^0), times the jitter (1.0 with random 0.5); each more doubles it.
    expect(search.nextPollAt.getTime() - now().getTime()).toBe(minutes(2));
  });

  it("Should show the listener unhealthy while X refuses the account, and healthy after a good poll", async () => {
    const l = listener();
    fake.revoke();
    await l.pass();
    const channels = async () =>
      (await t.call("GET", "/api/v1/channels")).json.data.find((c: { name: string }) => c.name === "x-listen");
    expect(await channels()).toMatchObject({ enabled: true, healthy: false });
    expect((await channels()).last_error).toMatch(/refused \(401\)/);
    fake.restore();
    t.clock.advance(minutes(30));
    await l.pass();
    expect(await channels()).toMatchObject({ healthy: true });
  });

  it("Should stop searching for the day when LISTEN_DAILY_READS is spent, and go on the next UTC day", async () => {
    await t.close();
    await app({ LISTEN_DAILY_READS: "10" });
    const l = listener();
    await l.pass();
    posts(40, (i) => `acmeoutage ${i}`);
    t.clock.advance(minutes(2));
    await l.pass();
    expect((await source("search")).readsToday).toBe(10);
    t.clock.advance(minutes(2));
    await l.pass();
    const spent = await source("search");
    expect(spent.readsToday).toBe(10);
    const midnight = new Date(`${now().toISOString().slice(0, 10)}T00:00:00Z`).getTime() + 86_400_000;
    expect(spent.nextPollAt.getTime()).toBe(midnight);
    expect(fake.usage()["GET /2/tweets/search/recent"]).toBe(10);
  });

  it("Should poll each source once when two processes' listeners pass at the same time", async () => {
    fake.postAs("alice", "@candorstatus acme down?");
    await Promise.all([listener("listener-a").pass(), listener("listener-b").pass()]);
    const calls = fake.requests.filter((r) => /^\/2\/users\/\d+\/mentions/.test(r.path));
    expect(calls).toHaveLength(1);
    expect(await inbox()).toHaveLength(1);
  });
});
