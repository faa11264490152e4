// One honest acknowledgement per person (LISTEN_AUTO_ACK, issue 16), end to
// end against the fake X over HTTP: a poll hears mentions, the rule decides,
// the author's own posts are read, the reply goes through the outbox on the
// x-ack channel and out to X as a reply. Both databases.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { twitterClientFor } from "../../scripts/fake-x/client.ts";
import { type FakeX, startFakeX } from "../../scripts/fake-x/server.ts";
import { createAckChannel } from "../../src/channels/x-ack.ts";
import { createXReader } from "../../src/channels/x-reader.ts";
import type { ListenConfig } from "../../src/config-listen.ts";
import { acknowledgements, heardPosts } from "../../src/db/schema/index.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { createListener } from "../../src/delivery/listen/listener.ts";
import { tweetLength } from "../../src/render/tweet.ts";
import { acknowledgeHeard, settleAck } from "../../src/services/acknowledgements/index.ts";
import { systemActor } from "../../src/services/context.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { xEnvFor } from "../support/fake-x.ts";
import { minutes } from "../support/time.ts";

describe.each(databaseKinds)("automatic acknowledgements on %s", (kind) => {
  let fake: FakeX;
  let t: TestApp;
  let now: () => Date = () => new Date();

  beforeAll(async () => {
    fake = await startFakeX({ clock: () => now() });
  });
  afterAll(() => fake.close());

  async function app(extra: Record<string, string> = {}) {
    fake.reset();
    const env = {
      ...xEnvFor(fake),
      PUBLIC_URL: "https://status.example.com",
      LISTEN: "mentions,search",
      LISTEN_QUERY: "acmeoutage",
      LISTEN_AUTO_ACK: "on",
      LISTEN_ACK_CONTACT: "support@example.com",
      ...extra,
    };
    t = await startTestApp(kind, {
      env,
      channels: async ({ db, config }) => [
        createAckChannel({
          twitter: config.twitter as NonNullable<typeof config.twitter>,
          settle: (id, result, at) => settleAck(db, id, result, at),
        }),
      ],
    });
    now = t.clock.read;
  }
  beforeEach(() => app());
  afterEach(() => t.close());

  /** A listener whose step after each poll is the acknowledgement, as the Node entry builds it. */
  function listener() {
    const twitter = t.config.twitter as NonNullable<typeof t.config.twitter>;
    const listen = t.config.listen as ListenConfig;
    const reader = createXReader({ twitter });
    const autoAck = listen.autoAck as NonNullable<ListenConfig["autoAck"]>;
    return createListener({
      ctx: { db: t.db, config: t.config, clock: t.clock.read, actor: systemActor },
      reader,
      listen,
      owner: "listener-a",
      random: () => 0.5,
      afterPoll: [async (ctx, heard) => void (await acknowledgeHeard(ctx, { ...heard, reader, autoAck }))],
    });
  }
  /** Polls (after the listening interval), then sends what was queued. */
  async function pollAndSend(l: ReturnType<typeof listener>) {
    t.clock.advance(minutes(1));
    await l.pass();
    await (t.engine as Engine).drain();
  }
  /** Our replies to other people (the acknowledgements), not our own thread. */
  const replies = () => fake.tweets.filter((p) => p.inReplyToId !== null);
  const decisions = async () => t.db.select().from(acknowledgements);

  /** The first poll only starts the cursor; an incident opens after it. */
  async function listeningDuringAnIncident() {
    const l = listener();
    await l.pass();
    const { id } = await t.declare({ next_update_in: "PT30M" });
    return { l, incidentId: id };
  }

  it("Should reply once to a person who mentions us three times, and once to each of two people", async () => {
    const { l, incidentId } = await listeningDuringAnIncident();
    fake.postAs("ann", "@candorstatus is checkout down?");
    fake.postAs("ann", "@candorstatus still failing");
    fake.postAs("bob", "@candorstatus can't log in");
    await pollAndSend(l);
    fake.postAs("ann", "@candorstatus hello??");
    await pollAndSend(l);
    const sent = replies();
    expect(sent).toHaveLength(2);
    const rows = await decisions();
    expect(rows.map((r) => r.state).sort()).toEqual(["sent", "sent"]);
    expect(rows.every((r) => r.incidentId === incidentId && r.replyId !== null)).toBe(true);
    for (const reply of sent) {
      expect(tweetLength(reply.text)).toBeLessThanOrEqual(280);
      expect(reply.text).toContain(`https://status.example.com/incidents/${incidentId}`);
      expect(reply.text).toContain("Reply STOP");
      expect(reply.text).toContain("support@example.com");
      expect(reply.text).toMatch(/Next update by \d\d:\d\d UTC/);
    }
    expect(sent.map((r) => r.text.split(" ")[0]).sort()).toEqual(["@ann", "@bob"]);
    // Two in a row never read the same.
    expect(rows[0].variant).not.toBe(rows[1].variant);
    const acknowledged = await t.db.select().from(heardPosts).where(eq(heardPosts.state, "acknowledged"));
    expect(acknowledged).toHaveLength(2);
  });

  it("Should reply to a person's first post when two share the same instant: the lower id, as X orders them", async () => {
    const { l } = await listeningDuringAnIncident();
    const at = new Date(Date.now() - 1_000);
    const first = fake.postAs("ann", "@candorstatus is checkout down?", { createdAt: at });
    const second = fake.postAs("ann", "@candorstatus still failing", { createdAt: at });
    expect(BigInt(first.id)).toBeLessThan(BigInt(second.id));
    await pollAndSend(l);
    expect(replies().map((r) => r.inReplyToId)).toEqual([first.id]);
  });

  it("Should not reply with no incident open, after it resolves, or to a post found only by search", async () => {
    const l = listener();
    await l.pass();
    fake.postAs("ann", "@candorstatus is it down?");
    await pollAndSend(l);
    const { id } = await t.declare();
    await t.postUpdate(id, { status: "resolved", message: "Fixed." });
    fake.postAs("bob", "@candorstatus was it down?");
    await pollAndSend(l);
    await t.declare();
    fake.postAs("cat", "acmeoutage again today");
    await pollAndSend(l);
    expect(replies()).toEqual([]);
    expect(await decisions()).toEqual([]);
  });

  it("Should honour STOP, and skip someone already answered in our thread or who says it works now", async () => {
    const { l } = await listeningDuringAnIncident();
    fake.postAs("ann", "@candorstatus STOP");
    // Our thread's first post, as the X channel would have made it.
    const ours = await twitterClientFor(fake).v2.tweet("Investigating · Checkout errors");
    fake.postAs("bob", "thanks, following the updates", { inReplyToTweetId: ours.data.id });
    fake.postAs("cat", "it's working again for me now");
    t.clock.advance(minutes(1));
    fake.postAs("bob", "@candorstatus any news?");
    fake.postAs("cat", "@candorstatus was it you?");
    await pollAndSend(l);
    expect(replies()).toEqual([]);
    const reasons = Object.fromEntries((await decisions()).map((r) => [r.authorId, `${r.state}:${r.reason}`]));
    const idOf = (name: string) => fake.users.find((u) => u.username === name)?.id as string;
    expect(reasons[idOf("ann")]).toBe("skipped:stopped");
    expect(reasons[idOf("bob")]).toBe("skipped:already_answered");
    expect(reasons[idOf("cat")]).toBe("skipped:works_now");
  });

  it("Should cap replies at LISTEN_ACK_PER_15M and leave the rest to a person", async () => {
    await t.close();
    await app({ LISTEN_ACK_PER_15M: "2" });
    const { l } = await listeningDuringAnIncident();
    for (const name of ["ann", "bob", "cat"]) fake.postAs(name, `@candorstatus broken for ${name}`);
    await pollAndSend(l);
    expect(replies()).toHaveLength(2);
    const rows = await decisions();
    expect(rows.filter((r) => r.state === "skipped").map((r) => r.reason)).toEqual(["capped"]);
    expect(await t.db.select().from(heardPosts).where(eq(heardPosts.state, "new"))).toHaveLength(1);
  });

  it("Should record a reply X refuses for good as skipped, not dead: the post deleted meanwhile", async () => {
    const { l } = await listeningDuringAnIncident();
    fake.postAs("ann", "@candorstatus down for me");
    t.clock.advance(minutes(1));
    await l.pass();
    const [row] = await decisions();
    expect(row.state).toBe("queued");
    fake.deleteTweet(row.postId);
    await (t.engine as Engine).drain();
    const [after] = await decisions();
    expect(after).toMatchObject({ state: "skipped", reason: "post_gone" });
    expect(replies()).toEqual([]);
    expect((await t.call("GET", "/api/v1/deliveries?state=dead")).json.data).toEqual([]);
  });

  it("Should take X's 403 for a reply to someone who did not mention us as final, and record it skipped", async () => {
    const settled: unknown[] = [];
    const channel = createAckChannel({
      twitter: t.config.twitter as NonNullable<typeof t.config.twitter>,
      settle: async (id, result) => void settled.push({ id, result }),
    });
    const unrelated = fake.postAs("ann", "checkout is down again");
    await channel.runJob?.("listen.ack", { ackId: "ack_1", replyTo: unrelated.id, text: "@ann Sorry" }, { now: now() });
    expect(settled).toEqual([{ id: "ack_1", result: { skipped: "x_refused_not_mentioned" } }]);
    expect(replies()).toEqual([]);
  });
});
