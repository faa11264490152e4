// Chat subscribers (issue 18) through the admin API and the status page's
// form: adding, validation, the private-address rule, and the double opt-in
// whose confirmation message is posted into the channel (a local receiver)
// and whose link starts the updates. The receivers check each message as its
// platform would (tests/support/chat-receivers.ts). The channels are the entries' own
// (buildChannels); the engine runs on the fake clock, the HTTP is real.
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guardedWebhookSend } from "../../src/channels/webhook-http.ts";
import { auditLog, outbox, subscribers } from "../../src/db/schema/index.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { buildChannels } from "../../src/entry/channels.ts";
import { chatKinds } from "../../src/render/chat/index.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { type ChatReceivers, startChatReceivers } from "../support/chat-receivers.ts";
import { databaseKinds } from "../support/db.ts";
import { readAnswer } from "../support/http.ts";
import { type StubResolver, stubResolver } from "../support/resolver.ts";
import { minutes } from "../support/time.ts";

describe.each(databaseKinds)("chat subscribers on %s", (kind) => {
  let t: TestApp;
  let engine: Engine;
  let receiver: ChatReceivers;
  let resolver: StubResolver;
  let logLines: string[];

  async function start(allowPrivate: "on" | "off" = "on") {
    t = await startTestApp(kind, {
      env: { WEBHOOK_ALLOW_PRIVATE: allowPrivate, LOG_CHANNEL: "off" },
      resolveHost: resolver,
      log: (line) => logLines.push(line),
      channels: async ({ db, config, clock }) => {
        const send = guardedWebhookSend({ allowPrivate: config.webhookAllowPrivate, resolve: resolver });
        return (await buildChannels(config, { db, webhook: { clock, timeoutMs: 2_000, send } })).channels;
      },
    });
    engine = t.engine as Engine;
    for (const slug of ["api", "web"]) await t.call("POST", "/api/v1/components", { slug, name: slug.toUpperCase() });
  }

  beforeEach(async () => {
    receiver = await startChatReceivers();
    resolver = stubResolver({ "hooks.public.test": ["93.184.215.14"], "hooks.loopback.test": ["127.0.0.1"] });
    logLines = [];
  });
  afterEach(async () => {
    await receiver.close();
    await t?.close();
  });

  const addChat = (body: Record<string, unknown>) => t.call("POST", "/api/v1/subscribers", { type: "chat", ...body });
  const rowCount = async () => (await t.db.select({ n: count() }).from(subscribers))[0].n;
  const rowOf = async (id: string) => (await t.db.select().from(subscribers).where(eq(subscribers.id, id)))[0];

  /** Posts the status page's chat form as a browser does, or as JSON. */
  async function form(fields: Record<string, string | string[]>, json = false) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(fields))
      for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
    const res = await t.app.request("/subscribe/chat", {
      method: "POST",
      headers: { "content-type": json ? "application/json" : "application/x-www-form-urlencoded" },
      body: json ? JSON.stringify(fields) : params.toString(),
    });
    return readAnswer(res);
  }
  /** The confirm link's token in a confirmation message, wherever the platform's shape put it. */
  const confirmToken = (body: string) => body.match(/\/subscribe\/confirm\/([\w.-]+)/)?.[1];

  it("Should add a chat subscriber pre-confirmed, with its kind and no secret, and list and export it", async () => {
    await start();
    const url = `${receiver.url}/slack/T000/B000/abc`;
    const res = await addChat({ kind: "slack", url, components: ["api"] });
    expect(res.status, res.text).toBe(201);
    expect(res.json.secret).toBeUndefined();
    expect(res.json.standard_webhooks_secret).toBeUndefined();
    expect(res.json.data).toMatchObject({
      type: "chat",
      kind: "slack",
      url,
      email: null,
      state: "active",
      components: ["api"],
      confirmed_at: t.clock.now.toISOString(),
    });
    const id = res.json.data.id as string;
    expect((await rowOf(id)).secret).toBeNull();
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audit).toMatchObject({ action: "subscriber.create", details: { type: "chat", kind: "slack" } });
    expect(JSON.stringify(audit.details)).not.toContain(receiver.url);

    // Again with another kind and components: the same subscriber, changed (200).
    const again = await addChat({ kind: "mattermost", url, components: [] });
    expect(again.status, again.text).toBe(200);
    expect(again.json.data).toMatchObject({ id, kind: "mattermost", components: [] });
    expect(await rowCount()).toBe(1);

    const list = await t.call("GET", "/api/v1/subscribers?type=chat");
    expect(list.json.data.map((s: { id: string; kind: string }) => [s.id, s.kind])).toEqual([[id, "mattermost"]]);
    const csv = await t.call("GET", "/api/v1/subscribers/export");
    const [header, line] = csv.text.split("\r\n");
    expect(header).toBe("id,type,email,url,state,components,confirmed_at,created_at,events,kind");
    expect(line.startsWith(`${id},chat,,${url},active,,`)).toBe(true);
    expect(line.endsWith(",mattermost")).toBe(true);
  });

  it("Should refuse a bad kind, URL or component with a 400 naming the field, writing nothing", async () => {
    await start();
    const good = { kind: "discord", url: "https://hooks.public.test/api/webhooks/1/x" };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...good, kind: "irc" }, "kind", /must be one of slack, teams, discord, google_chat, mattermost/],
      [{ url: good.url }, "kind", /slack/],
      [{ ...good, url: "hooks.public.test/x" }, "url", /http or https/],
      [{ ...good, url: `https://hooks.public.test/${"x".repeat(2000)}` }, "url", /2000/],
      [{ ...good, url: "https://user:pass@hooks.public.test/x" }, "url", /credentials/],
      [{ ...good, components: ["nope"] }, "components", /no component has slug "nope"/],
      [{ ...good, secret: "mine" }, "secret", /./],
      [{ ...good, events: ["incident"] }, "events", /./],
    ];
    for (const [body, field, message] of cases) {
      const res = await addChat(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.details[0].field, res.text).toBe(field);
      expect(res.json.error.details[0].message, res.text).toMatch(message);
    }
    expect(await rowCount()).toBe(0);
  });

  it("Should refuse a private address with a 400 naming url, and send nothing, when WEBHOOK_ALLOW_PRIVATE is off", async () => {
    await start("off");
    for (const url of [
      `${receiver.url}/slack/x`,
      "http://10.0.0.8/hook",
      "http://[::1]/hook",
      "http://169.254.169.254/latest/meta-data/",
      "https://hooks.loopback.test/hook",
    ]) {
      const res = await addChat({ kind: "slack", url });
      expect(res.status, url).toBe(400);
      expect(res.json.error.details[0].field).toBe("url");
      expect(res.json.error.message).not.toContain(url);
      const asked = await form({ kind: "slack", url }, true);
      expect(asked.status, url).toBe(400);
      expect(asked.json.error.details[0].field).toBe("url");
      expect(asked.text).not.toContain(url);
    }
    expect(await rowCount()).toBe(0);
    await engine.drain();
    expect(receiver.received).toHaveLength(0);
  });

  it("Should confirm a channel from the form by the link posted into it, and only then send it updates", async () => {
    await start();
    const url = `${receiver.url}/discord/api/webhooks/1/tok`;
    const asked = await form({ kind: "discord", url, components: ["api"] });
    expect(asked.status).toBe(202);
    expect(asked.text).toContain("Check the channel");
    expect(asked.text).not.toContain(url);
    expect(asked.text).not.toContain("/api/webhooks/1/tok");
    const [pending] = await t.db.select().from(subscribers);
    expect(pending).toMatchObject({ type: "chat", kind: "discord", url, state: "pending", confirmedAt: null });

    // An incident before confirming reaches nobody.
    await t.declare({ title: "Early", components: { api: "major_outage" } });
    await engine.drain();
    expect(receiver.received).toHaveLength(1);
    const [confirmation] = receiver.received;
    expect(confirmation).toMatchObject({ path: "/discord/api/webhooks/1/tok", accepted: true });
    expect(confirmation.raw).toContain("API");
    const token = confirmToken(confirmation.raw);
    expect(token).toBeTruthy();

    t.clock.advance(minutes(1));
    const confirmed = await readAnswer(await t.app.request(`/subscribe/confirm/${token}`));
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain("The channel will get a message");
    expect(confirmed.text).not.toContain(url);
    expect(await rowOf(pending.id)).toMatchObject({ state: "active" });
    const again = await readAnswer(await t.app.request(`/subscribe/confirm/${token}`));
    expect(again.text).toContain("Already done");

    t.clock.advance(minutes(1));
    await t.declare({ title: "Database slow", components: { api: "degraded_performance" } });
    // Another component: this channel follows api only.
    await t.declare({ title: "Web only", components: { web: "major_outage" } });
    await engine.drain();
    const updates = receiver.received.slice(1);
    expect(updates.map((r) => r.accepted)).toEqual([true]);
    expect(updates[0].raw).toContain("Database slow");
    expect(updates[0].raw).not.toContain("Early");
  });

  it("Should post each platform a confirmation it accepts, naming the components, with a link that works", async () => {
    await start();
    for (const k of chatKinds) {
      const asked = await form({ kind: k, url: `${receiver.url}/${k}/confirm-me`, components: ["web"] }, true);
      expect(asked.status, k).toBe(202);
    }
    await engine.drain();
    for (const k of chatKinds) {
      const got = receiver.to(`/${k}/confirm-me`);
      expect(
        got.map((r) => r.accepted),
        `${k}: ${got.map((r) => r.reply).join(" | ")}`,
      ).toEqual([true]);
      expect(got[0].raw, k).toContain("WEB");
      const token = confirmToken(got[0].raw);
      expect((await t.app.request(`/subscribe/confirm/${token}`)).status, k).toBe(200);
    }
    const states = (await t.db.select().from(subscribers)).map((s) => [s.kind, s.state]);
    expect(states.sort()).toEqual(chatKinds.map((k) => [k, "active"]).sort());
  });

  it("Should not post the confirmation again when asked again within ten minutes, and say the same", async () => {
    await start();
    const url = `${receiver.url}/slack/again`;
    const first = await form({ kind: "slack", url }, true);
    const second = await form({ kind: "slack", url }, true);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.json).toEqual(first.json);
    await engine.drain();
    expect(receiver.to("/slack/again")).toHaveLength(1);
    t.clock.advance(minutes(11));
    await form({ kind: "slack", url }, true);
    await engine.drain();
    expect(receiver.to("/slack/again")).toHaveLength(2);
    // Confirmed: asking again sends nothing and says the same.
    const token = confirmToken(receiver.to("/slack/again")[1].raw);
    expect((await t.app.request(`/subscribe/confirm/${token}`)).status).toBe(200);
    t.clock.advance(minutes(11));
    const third = await form({ kind: "slack", url }, true);
    expect(third.json).toEqual(first.json);
    await engine.drain();
    expect(receiver.to("/slack/again")).toHaveLength(2);
    expect(await rowCount()).toBe(1);
  });

  it("Should refuse bad form input with a page naming the field, and limit a client as the email form does", async () => {
    await start();
    const bad = await form({ kind: "irc", url: `${receiver.url}/x` });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("text/html");
    expect(bad.text).toContain("kind: must be one of");
    const noUrl = await form({ kind: "slack" }, true);
    expect(noUrl.status).toBe(400);
    expect(noUrl.json.error.details[0].field).toBe("url");
    let last = noUrl;
    for (let i = 0; i < 12 && last.status !== 429; i++)
      last = await form({ kind: "slack", url: `${receiver.url}/s${i}` });
    expect(last.status).toBe(429);
    expect(last.headers.get("retry-after")).toMatch(/^\d+$/);
    // The home page offers the form.
    const home = await readAnswer(await t.app.request("/"));
    expect(home.text).toContain('action="/subscribe/chat"');
    expect(home.text).toContain("Get updates in Slack, Teams, Discord, Google Chat or Mattermost");
  });

  it("Should never show a chat URL on public pages, in errors shown by the API, or in the log", async () => {
    await start();
    const url = `${receiver.url}/slack/T1/B1/secret-token-xyz`;
    const added = await addChat({ kind: "slack", url });
    expect(added.status).toBe(201);
    receiver.answer("/slack/T1/B1/secret-token-xyz", "server_error");
    const { id } = await t.declare({ title: "Broken", message: "Something broke." });
    await engine.drain();
    expect(receiver.to("/slack/T1/B1/secret-token-xyz")).toHaveLength(1);
    const deliveries = await t.call("GET", "/api/v1/deliveries");
    const row = deliveries.json.data.find((d: { channel: string }) => d.channel === "chat");
    expect(row.last_error).toMatch(/^1 chat subscriber\(s\) failed.*answered HTTP 500/);
    expect(row.last_error).toContain(added.json.data.id);
    const outboxRows = await t.db.select().from(outbox);
    for (const text of [
      deliveries.text,
      JSON.stringify(outboxRows),
      logLines.join("\n"),
      (await rowOf(added.json.data.id)).lastError ?? "",
    ]) {
      expect(text).not.toContain("secret-token-xyz");
    }
    for (const path of ["/", `/incidents/${id}`, "/history", "/api/v2/summary.json", "/history.rss"]) {
      const page = await readAnswer(await t.app.request(path));
      expect(page.text, path).not.toContain("secret-token-xyz");
    }
  });
});
