// The chat channel against the local chat receivers (tests/support/chat-receivers.ts),
// which check every body as Slack, Teams, Discord, Google Chat and Mattermost
// do and answer as they do, "gone" and rate limits included. The channels
// are the entries' own (buildChannels); the engine runs on the fake clock, so
// backoff is crossed by moving the clock; the HTTP is real.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guardedWebhookSend } from "../../src/channels/webhook-http.ts";
import { deliveries, outbox, subscribers } from "../../src/db/schema/index.ts";
import { createEngine, type Engine } from "../../src/delivery/engine.ts";
import { buildChannels } from "../../src/entry/channels.ts";
import { type ChatKind, chatKinds } from "../../src/render/chat/index.ts";
import { webhookFailureLimit } from "../../src/services/subscribers/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { type ChatReceivers, type Mode, startChatReceivers } from "../support/chat-receivers.ts";
import { databaseKinds } from "../support/db.ts";
import { type StubResolver, stubResolver } from "../support/resolver.ts";
import { minutes } from "../support/time.ts";

describe.each(databaseKinds)("the chat channel on %s", (kind) => {
  let t: TestApp;
  let engine: Engine;
  let chat: ChatReceivers;
  let resolver: StubResolver;

  async function start(allowPrivate: "on" | "off" = "on") {
    t = await startTestApp(kind, {
      env: { WEBHOOK_ALLOW_PRIVATE: allowPrivate, LOG_CHANNEL: "off", PUBLIC_URL: "https://status.example.com" },
      resolveHost: resolver,
      channels: async ({ db, config, clock }) => {
        const send = guardedWebhookSend({ allowPrivate: config.webhookAllowPrivate, resolve: resolver });
        return (await buildChannels(config, { db, webhook: { clock, timeoutMs: 2_000, send } })).channels;
      },
    });
    engine = t.engine as Engine;
    for (const [slug, name] of [
      ["api", "Public API"],
      ["web", "Dashboard"],
    ])
      await t.call("POST", "/api/v1/components", { slug, name });
  }
  beforeEach(async () => {
    chat = await startChatReceivers();
    resolver = stubResolver();
  });
  afterEach(async () => {
    await chat.close();
    await t?.close();
  });

  /** A chat subscriber added through the admin API at `path` on the receivers (`/<kind>/...`). */
  async function addChat(chatKind: ChatKind, path: string, components?: string[], base = chat.url) {
    const res = await t.call("POST", "/api/v1/subscribers", {
      type: "chat",
      kind: chatKind,
      url: `${base}${path}`,
      components,
    });
    expect(res.status, res.text).toBe(201);
    return res.json.data.id as string;
  }
  const subscriberRow = async (id: string) => (await t.db.select().from(subscribers).where(eq(subscribers.id, id)))[0];
  const rowOf = async (updateId: string) =>
    (
      await t.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.updateId, updateId), eq(outbox.channel, "chat")))
    )[0];
  const deliveredTo = async (updateId: string) =>
    (
      await t.db
        .select({ recipient: deliveries.recipient })
        .from(deliveries)
        .where(and(eq(deliveries.updateId, updateId), eq(deliveries.channel, "chat")))
    )
      .map((d) => d.recipient)
      .sort();
  /** Moves the clock to when the row is due again and drains. */
  async function untilDue(updateId: string) {
    const row = await rowOf(updateId);
    t.clock.now = new Date(Math.max(t.clock.now.getTime(), row.runAt.getTime()));
    await engine.drain();
  }
  const accepted = (path: string) => chat.to(path).filter((r) => r.accepted);

  it("Should send every platform a message it accepts, with the title, words, promise and components, once per update", async () => {
    await start();
    const ids = new Map<ChatKind, string>();
    for (const k of chatKinds) ids.set(k, await addChat(k, `/${k}/hook-1`));
    const { id, updateId } = await t.declare({
      title: "Elevated API errors",
      message: "We are investigating errors on the API.",
      components: { api: "partial_outage" },
    });
    await engine.drain();
    t.clock.advance(minutes(5));
    const second = await t.postUpdate(id, { message: "A fix is rolling out.", status: "identified" });
    await engine.drain();

    for (const k of chatKinds) {
      const got = chat.to(`/${k}/hook-1`);
      expect(
        got.map((r) => [r.accepted, r.status]),
        `${k}: ${got.map((r) => r.reply).join(" | ")}`,
      ).toEqual([
        [true, got[0].status],
        [true, got[1].status],
      ]);
      expect(got[0].raw, k).toContain("Elevated API errors");
      expect(got[0].raw, k).toContain("We are investigating errors on the API.");
      expect(got[0].raw, k).toContain("Public API");
      expect(got[0].raw, k).toContain("Next update by");
      expect(got[0].raw, k).toContain(`https://status.example.com/incidents/${id}`);
      expect(got[1].raw, k).toContain("A fix is rolling out.");
    }
    const all = [...ids.values()].sort();
    expect(await deliveredTo(updateId)).toEqual(all);
    expect(await deliveredTo(second)).toEqual(all);
    expect((await rowOf(updateId)).state).toBe("done");
    // Draining again sends nothing more.
    await engine.drain();
    expect(chat.received).toHaveLength(chatKinds.length * 2);
  });

  it("Should send an incident only to channels following one of its components, or every component", async () => {
    await start();
    await addChat("slack", "/slack/api-only", ["api"]);
    await addChat("discord", "/discord/web-only", ["web"]);
    await addChat("teams", "/teams/everything");
    await t.declare({ title: "API down", components: { api: "major_outage" } });
    await engine.drain();
    expect(accepted("/slack/api-only")).toHaveLength(1);
    expect(accepted("/teams/everything")).toHaveLength(1);
    expect(chat.to("/discord/web-only")).toHaveLength(0);
  });

  it("Should send a channel that failed again on the row's retry, and the others not twice", async () => {
    await start();
    const flaky = await addChat("google_chat", "/google_chat/flaky");
    const fine = await addChat("mattermost", "/mattermost/fine");
    chat.answer("/google_chat/flaky", "server_error", "ok");
    const { updateId } = await t.declare();
    await engine.drain();
    const row = await rowOf(updateId);
    expect(row.state).toBe("pending");
    expect(row.lastError).toMatch(/^1 chat subscriber\(s\) failed.*answered HTTP 5\d\d/);
    expect(await deliveredTo(updateId)).toEqual([fine]);
    expect(await subscriberRow(flaky)).toMatchObject({ state: "active", failures: 1 });

    await untilDue(updateId);
    expect((await rowOf(updateId)).state).toBe("done");
    expect(accepted("/google_chat/flaky")).toHaveLength(1);
    expect(chat.to("/mattermost/fine")).toHaveLength(1);
    expect(await deliveredTo(updateId)).toEqual([fine, flaky].sort());
    // Reached again: its run of failures is over.
    expect(await subscriberRow(flaky)).toMatchObject({ failures: 0, lastError: null });
  });

  it("Should send after a restart only to the channels the first process did not reach", async () => {
    await start();
    const late = await addChat("slack", "/slack/late");
    const early = await addChat("teams", "/teams/early");
    chat.answer("/slack/late", "server_error", "ok");
    const { updateId } = await t.declare();
    await engine.drain();
    expect(await deliveredTo(updateId)).toEqual([early]);
    // A new process: its own channels and engine over the same database.
    const channels = (
      await buildChannels(t.config, {
        db: t.db,
        webhook: { clock: t.clock.read, timeoutMs: 2_000, send: guardedWebhookSend({ allowPrivate: true }) },
      })
    ).channels;
    const restarted = createEngine({ db: t.db, config: t.config, clock: t.clock.read, channels, random: () => 0.5 });
    t.clock.now = new Date(Math.max(t.clock.now.getTime(), (await rowOf(updateId)).runAt.getTime()));
    await restarted.drain();
    expect((await rowOf(updateId)).state).toBe("done");
    expect(chat.to("/teams/early")).toHaveLength(1);
    expect(accepted("/slack/late")).toHaveLength(1);
    expect(await deliveredTo(updateId)).toEqual([early, late].sort());
  });

  const goneAnswers: [ChatKind, Mode][] = [
    ["slack", "gone"],
    ["slack", "archived"],
    ["discord", "gone"],
    ["teams", "gone"],
    ["google_chat", "gone"],
    ["mattermost", "gone"],
  ];
  it("Should unsubscribe at once a channel whose platform says it is gone, and send it nothing more", async () => {
    await start();
    const ids: string[] = [];
    for (const [k, mode] of goneAnswers) {
      const path = `/${k}/${mode}`;
      ids.push(await addChat(k, path));
      chat.answer(path, mode);
    }
    const still = await addChat("slack", "/slack/still-here");
    const { id, updateId } = await t.declare();
    await engine.drain();
    // Gone is not a failure: the row is done, nothing is retried.
    expect((await rowOf(updateId)).state).toBe("done");
    for (const [i, [k, mode]] of goneAnswers.entries()) {
      expect(await subscriberRow(ids[i]), `${k} ${mode}`).toMatchObject({
        state: "unsubscribed",
        failures: 0,
        unsubscribedAt: t.clock.read(),
      });
    }
    t.clock.advance(minutes(1));
    await t.postUpdate(id, { message: "Still on it." });
    await engine.drain();
    for (const [k, mode] of goneAnswers) expect(chat.to(`/${k}/${mode}`), `${k} ${mode}`).toHaveLength(1);
    expect(accepted("/slack/still-here")).toHaveLength(2);
    expect(await subscriberRow(still)).toMatchObject({ state: "active" });
  });

  it("Should not take a plain 404 from a platform as gone: it counts as a failure", async () => {
    await start();
    // The receivers answer 404 "not found" to a path that names no platform, as a proxy in the way would.
    const lost = await addChat("slack", "/nowhere/hook");
    const { updateId } = await t.declare();
    await engine.drain();
    expect(await subscriberRow(lost)).toMatchObject({ state: "active", failures: 1, lastError: "answered HTTP 404" });
    expect((await rowOf(updateId)).state).toBe("pending");
  });

  it("Should quarantine a channel after 10 failures within an hour, while others still get updates", async () => {
    await start();
    const broken = await addChat("teams", "/teams/broken");
    await addChat("discord", "/discord/fine");
    chat.answer("/teams/broken", "server_error");
    const firstAt = t.clock.read();
    const { id, updateId } = await t.declare();
    await engine.drain();
    for (let i = 0; i < 20 && (await subscriberRow(broken)).state === "active"; i++) await untilDue(updateId);
    const row = await subscriberRow(broken);
    expect(row).toMatchObject({ state: "quarantined", failures: webhookFailureLimit, lastError: "answered HTTP 502" });
    expect(t.clock.now.getTime() - firstAt.getTime()).toBeLessThan(minutes(60));
    expect(chat.to("/teams/broken")).toHaveLength(webhookFailureLimit);
    expect((await rowOf(updateId)).state).toBe("done");

    t.clock.advance(minutes(1));
    await t.postUpdate(id, { message: "Still on it." });
    await engine.drain();
    expect(chat.to("/teams/broken")).toHaveLength(webhookFailureLimit);
    expect(accepted("/discord/fine")).toHaveLength(2);
  });

  it("Should try a rate-limited channel again with the row, without counting it towards quarantine", async () => {
    await start();
    const busy = await addChat("discord", "/discord/busy");
    chat.answer("/discord/busy", "rate_limited", "rate_limited", "ok");
    const { updateId } = await t.declare();
    await engine.drain();
    expect((await rowOf(updateId)).state).toBe("pending");
    expect(await subscriberRow(busy)).toMatchObject({ state: "active", failures: 0 });
    await untilDue(updateId);
    await untilDue(updateId);
    expect((await rowOf(updateId)).state).toBe("done");
    expect(chat.to("/discord/busy").map((r) => r.status)).toEqual([429, 429, 204]);
    expect(await subscriberRow(busy)).toMatchObject({ failures: 0 });
  });

  it("Should refuse at delivery a name that now resolves to a private address, sending nothing", async () => {
    await start("off");
    const port = new URL(chat.url).port;
    resolver.set("hooks.flip.test", ["93.184.215.14"]);
    const flip = await addChat("slack", "/slack/flip", undefined, `http://hooks.flip.test:${port}`);
    resolver.set("hooks.flip.test", ["127.0.0.1"]);
    await t.declare();
    await engine.drain();
    expect(chat.received).toHaveLength(0);
    expect(await subscriberRow(flip)).toMatchObject({
      state: "active",
      failures: 1,
      lastError: "not sent: the URL must not resolve to a loopback address",
    });
  });

  it("Should send nothing to chat when the update says notify.chat = false, and still tell the other channels", async () => {
    await start();
    await addChat("slack", "/slack/quiet");
    const { id, updateId } = await t.declare({ notify: { chat: false } });
    await engine.drain();
    expect(await rowOf(updateId)).toBeUndefined();
    expect(chat.received).toHaveLength(0);
    const shown = await t.call("GET", `/api/v1/incidents/${id}`);
    expect(shown.json.data.updates[0].notify).toEqual({ twitter: true, email: true, webhook: true, chat: false });
    expect(
      (await t.db.select().from(outbox).where(eq(outbox.updateId, updateId))).map((r) => r.channel).sort(),
    ).toContain("webhook");
  });
});
