// The spike alert (issue 16, part 3) end to end: real polls of the fake X
// over HTTP, the check after each poll, the outbox row, the listen-alert
// channel built by buildChannels as the Node entry builds it, and a real
// receiver on 127.0.0.1 that checks the signature. Both databases; the fake
// X's clock is the test's fake clock, so nothing sleeps.
import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { twitterClientFor } from "../../scripts/fake-x/client.ts";
import { type FakeX, startFakeX } from "../../scripts/fake-x/server.ts";
import { guardedWebhookSend } from "../../src/channels/webhook-http.ts";
import { createXReader } from "../../src/channels/x-reader.ts";
import type { ListenConfig } from "../../src/config-listen.ts";
import { heardPosts, listenAlerts, outbox } from "../../src/db/schema/index.ts";
import { createListener } from "../../src/delivery/listen/listener.ts";
import { buildChannels } from "../../src/entry/channels.ts";
import { type ServiceContext, systemActor } from "../../src/services/context.ts";
import { checkSpike } from "../../src/services/listen-alerts/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { listeningEnv } from "../support/fake-x.ts";
import { stubResolver } from "../support/resolver.ts";
import { verifyStandard } from "../support/standard-webhooks.ts";
import { minutes, seconds } from "../support/time.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

const secret = "spike-secret-0123456789";
/** Sent as the Node entry sends, to the receiver on 127.0.0.1 (allowed, as WEBHOOK_ALLOW_PRIVATE=on allows it). */
const localSend = guardedWebhookSend({ allowPrivate: true, resolve: stubResolver() });

describe.each(databaseKinds)("the spike alert on %s", (kind) => {
  let fake: FakeX;
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let now: () => Date = () => new Date();
  let people = 0;

  beforeAll(async () => {
    fake = await startFakeX({ clock: () => now() });
  });
  afterAll(() => fake.close());

  beforeEach(async () => {
    fake.reset();
    receiver = await startWebhookReceiver();
    t = await startTestApp(kind, {
      env: listeningEnv(fake, {
        LISTEN_ALERT_WEBHOOK_URL: `${receiver.url}/alert`,
        LISTEN_ALERT_WEBHOOK_SECRET: secret,
      }),
      // As the Node entry builds them: the listen-alert channel comes from LISTEN_ALERT_WEBHOOK_URL.
      channels: async ({ db, config }) => (await buildChannels(config, { db, webhook: { send: localSend } })).channels,
    });
    now = t.clock.read;
  });
  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  const ctx = (): ServiceContext => ({ db: t.db, config: t.config, clock: t.clock.read, actor: systemActor });
  function listener(owner = "listener-a", afterPoll = [checkSpike]) {
    const twitter = t.config.twitter;
    if (!twitter) throw new Error("the test environment should configure X");
    return createListener({
      ctx: ctx(),
      reader: createXReader({ twitter }),
      listen: t.config.listen as ListenConfig,
      owner,
      random: () => 0.5,
      afterPoll,
    });
  }
  /**
   * `count` new people mention us, a few seconds apart, ending now, after two
   * minutes have passed (so both sources are due and the posts are newer than
   * anything read before: X's since_id compares ids, which grow with time).
   */
  function reports(count: number, text = "@candorstatus login broken, 502 on every page", replyTo?: string) {
    t.clock.advance(minutes(2));
    return Array.from({ length: count }, (_, i) =>
      fake.postAs(`person${++people}`, text, {
        createdAt: new Date(now().getTime() - (count - i) * seconds(5)),
        inReplyToTweetId: replyTo,
      }),
    );
  }
  const alerts = async () =>
    (await t.db.select().from(listenAlerts)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const alertsAt = () => receiver.to("/alert");
  const send = () => (t.engine as NonNullable<TestApp["engine"]>).drain();

  it("Should page once, signed, for 8 people in 10 minutes after a quiet week, and list it", async () => {
    const l = listener();
    await l.pass(); // the first poll starts the cursors
    const spike = reports(8);
    await l.pass();
    await send();
    expect(alertsAt()).toHaveLength(1);
    const [got] = alertsAt();
    const timestamp = got.headers["x-candor-timestamp"] as string;
    const expected = createHmac("sha256", secret).update(`${timestamp}.${got.body}`).digest("hex");
    expect(got.headers["x-candor-signature"]).toBe(`sha256=${expected}`);
    expect(got.headers["x-candor-event"]).toBe("listen.spike");
    const [row, ...more] = await alerts();
    expect(more).toEqual([]);
    expect(got.headers["x-candor-delivery"]).toBe(row.id);
    // The Standard Webhooks headers too, keyed with the same secret's bytes.
    expect(got.headers["webhook-id"]).toBe(row.id);
    expect(verifyStandard(secret, got, t.clock.read(), { format: "raw" })).toMatchObject({ type: "listen.spike" });
    expect(got.json).toMatchObject({
      type: "listen.spike",
      alert: { id: row.id, authors: 8, baseline: 1, window_seconds: 600, created_at: row.createdAt.toISOString() },
    });
    expect(got.json.alert.top_words.slice(0, 3)).toEqual(["login", "broken", "502"]);
    expect(got.json.alert.post_urls).toHaveLength(5); // newest first, one per person
    expect(got.json.alert.post_urls[0]).toBe(`https://x.com/person${people}/status/${spike[7].id}`);
    expect(got.json.alert.text).toBe(
      "Customers are reporting problems on X and no incident is open: 8 people in the last 10 min (usually 0). " +
        `Most used words: login, broken, 502, page. Examples: ${got.json.alert.post_urls.join(" ")}`,
    );
    expect(row).toMatchObject({ paged: true, incidentId: null, authors: 8, baseline: 1, windowSeconds: 600 });
    const listed = await t.call("GET", "/api/v1/listen/alerts");
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.data).toEqual([
      expect.objectContaining({ id: row.id, paged: true, authors: 8, acked_at: null, incident_id: null }),
    ]);
  });

  it("Should hold the cooldown: no second page while it lasts, one more after", async () => {
    const l = listener();
    await l.pass();
    reports(8);
    await l.pass();
    for (let poll = 0; poll < 10; poll++) {
      reports(3); // two minutes apart: 20 minutes of more people, inside the 30-minute cooldown
      await l.pass();
    }
    await send();
    expect(await alerts()).toHaveLength(1);
    expect(alertsAt()).toHaveLength(1);
    t.clock.advance(minutes(9));
    reports(8); // 31 minutes after the first alert
    await l.pass();
    await send();
    expect(await alerts()).toHaveLength(2);
    expect(alertsAt()).toHaveLength(2);
  });

  it("Should record a spike against the open incident, once per cooldown, and page nobody", async () => {
    const { id: incident } = await t.declare();
    await send(); // the incident's own deliveries (its X thread)
    const l = listener();
    await l.pass();
    reports(8);
    await l.pass();
    reports(4);
    await l.pass();
    await send();
    const rows = await alerts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ incidentId: incident, paged: false, authors: 8 });
    expect(alertsAt()).toEqual([]);
    expect((await t.db.select().from(outbox)).filter((r) => r.channel === "listen-alert")).toEqual([]);
  });

  it("Should count neither our own posts nor replies in our threads", async () => {
    const l = listener();
    await l.pass();
    t.clock.advance(minutes(2));
    const ours = await twitterClientFor(fake).v2.tweet("acme down for some of you: we are looking");
    reports(8, "@candorstatus thanks, same here", ours.data.id);
    reports(4);
    await l.pass();
    const heard = await t.db.select().from(heardPosts);
    expect(heard.filter((p) => p.fromUs)).toHaveLength(1);
    expect(heard.filter((p) => p.inOurThread)).toHaveLength(8);
    expect(await alerts()).toEqual([]);
    reports(1); // the fifth person of their own accord
    await l.pass();
    expect((await alerts()).map((a) => a.authors)).toEqual([5]);
  });

  it("Should raise one alert when processes race the check after a spike", async () => {
    // The posts are heard first, so that every check below sees the spike at once: the race is the check's alone.
    // On Postgres the checks race on separate connections; PGlite's one connection takes them in turn.
    const hearing = listener("listener-a", []);
    await hearing.pass();
    reports(8);
    await hearing.pass();
    // Each its own transaction on its own pooled connection, as in separate processes.
    await Promise.all(Array.from({ length: 6 }, () => checkSpike(ctx())));
    await send();
    expect(await alerts()).toHaveLength(1);
    expect(alertsAt()).toHaveLength(1);

    // After the cooldown, two processes' listeners (one per source, as their leases fall) hear the next spike.
    t.clock.advance(minutes(30));
    reports(8, "@candorstatus acme down, login broken");
    await Promise.all([listener("listener-b").pass(), listener("listener-c").pass()]);
    await send();
    expect(await alerts()).toHaveLength(2);
    expect(alertsAt()).toHaveLength(2);
  });
});
