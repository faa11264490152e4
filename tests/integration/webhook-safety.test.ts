// Webhook safety: private addresses and credentials are refused when a
// webhook is added and again at each delivery, and no error text shows a
// webhook's URL, its credentials or what a receiver answered. Names resolve
// through a stub, so nothing is ever sent anywhere but 127.0.0.1.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WebhookSend } from "../../src/channels/webhook.ts";
import { guardedWebhookSend } from "../../src/channels/webhook-http.ts";
import { subscribers } from "../../src/db/schema/index.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { buildChannels } from "../../src/entry/channels.ts";
import { newId } from "../../src/lib/ids.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { type StubResolver, stubResolver } from "../support/resolver.ts";
import { minutes } from "../support/time.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

describe.each(databaseKinds)("webhook safety on %s", (kind) => {
  let receiver: Receiver;
  let resolver: StubResolver;
  let t: TestApp;
  let logLines: string[];

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    resolver = stubResolver({
      "hooks.loopback.test": ["127.0.0.1"],
      "hooks.ten.test": ["10.1.2.3"],
      "hooks.mapped.test": ["::ffff:169.254.169.254"],
      "hooks.public.test": ["93.184.215.14"],
    });
    logLines = [];
  });
  afterEach(async () => {
    await receiver.close();
    await t?.close();
  });

  /** The app and an engine whose webhooks go out as the Node entry sends them, through the stub resolver. */
  async function start(allowPrivate: "on" | "off", sendOverride?: WebhookSend) {
    t = await startTestApp(kind, {
      env: { WEBHOOK_ALLOW_PRIVATE: allowPrivate, LOG_CHANNEL: "off" },
      resolveHost: resolver,
      log: (line) => logLines.push(line),
      channels: async ({ db, config, clock }) => {
        const send =
          sendOverride ?? guardedWebhookSend({ allowPrivate: config.webhookAllowPrivate, resolve: resolver });
        return (await buildChannels(config, { db, webhook: { clock, timeoutMs: 2_000, send } })).channels;
      },
    });
    return t.engine as Engine;
  }

  const addWebhook = (url: string) => t.call("POST", "/api/v1/subscribers", { type: "webhook", url });
  const subscriberCount = async () => (await t.db.select().from(subscribers)).length;
  const subscriberRow = async (id: string) => (await t.db.select().from(subscribers).where(eq(subscribers.id, id)))[0];

  /** A webhook row written straight to the database, as one added before these rules would be. */
  async function legacyWebhook(url: string) {
    const id = newId("sub");
    const now = t.clock.read();
    await t.db.insert(subscribers).values({
      id,
      type: "webhook",
      url,
      secret: "legacy-secret-0123456789",
      state: "active",
      confirmedAt: new Date(now.getTime() - minutes(1)),
      createdAt: now,
      updatedAt: now,
    });
    return id;
  }

  it("Should refuse a private address in any spelling, or credentials, with a 400 naming url", async () => {
    await start("off");
    const cases: [string, RegExp][] = [
      [`${receiver.url}/hook`, /loopback/],
      ["http://localhost:8080/hook", /loopback/],
      ["http://0.0.0.0/hook", /unspecified/],
      ["http://2130706433/hook", /loopback/],
      ["http://0x7f.1/hook", /loopback/],
      ["http://017700000001/hook", /loopback/],
      ["http://169.254.169.254/latest/meta-data/", /link-local/],
      ["http://10.0.0.8/hook", /private/],
      ["http://172.20.1.1/hook", /private/],
      ["http://192.168.1.20/hook", /private/],
      ["http://100.64.0.1/hook", /CGNAT/],
      ["http://[::1]/hook", /loopback/],
      ["http://[::]/hook", /unspecified/],
      ["http://[::ffff:127.0.0.1]/hook", /loopback/],
      ["http://[::ffff:10.0.0.1]/hook", /private/],
      ["http://[fd00::1]/hook", /unique-local/],
      ["http://[fe80::1]/hook", /link-local/],
      ["https://hookuser:hookpass@hooks.public.test/hook", /credentials/],
      ["https://token@hooks.public.test/hook", /credentials/],
      ["https://hooks.loopback.test/hook", /resolve to a loopback/],
      ["https://hooks.ten.test/hook", /resolve to a private/],
      ["https://hooks.mapped.test/hook", /resolve to a link-local/],
    ];
    for (const [url, message] of cases) {
      const res = await addWebhook(url);
      expect(res.status, `${url}: ${res.text}`).toBe(400);
      expect(res.json.error.code).toBe("BAD_REQUEST");
      expect(res.json.error.details).toEqual([{ field: "url", message: expect.stringMatching(message) }]);
      expect(res.json.error.requestId).toEqual(expect.any(String));
      // The answer does not echo the URL (or its credentials) back.
      expect(res.text).not.toContain("hookpass");
    }
    expect(await subscriberCount()).toBe(0);
    // A public name is fine, and a name nobody knows yet is accepted: delivery checks it again.
    expect((await addWebhook("https://hooks.public.test/hook")).status).toBe(201);
    expect((await addWebhook("https://hooks.unknown.test/hook")).status).toBe(201);
    expect(resolver.asked).toContain("hooks.loopback.test");
    expect(receiver.received).toHaveLength(0);
  });

  it("Should add and deliver to local receivers with WEBHOOK_ALLOW_PRIVATE=on, by IP or by a name resolving to it", async () => {
    const engine = await start("on");
    const port = new URL(receiver.url).port;
    expect((await addWebhook(`${receiver.url}/by-ip`)).status).toBe(201);
    expect((await addWebhook(`http://hooks.loopback.test:${port}/by-name`)).status).toBe(201);
    // Credentials are refused whatever the flag says.
    expect((await addWebhook(`http://user:pass@127.0.0.1:${port}/cred`)).status).toBe(400);

    await t.declare();
    await engine.drain();
    // The name was connected to at the address the resolver gave: the receiver on 127.0.0.1.
    expect(receiver.received.map((r) => r.path).sort()).toEqual(["/by-ip", "/by-name"]);
    expect(receiver.to("/by-name")[0].headers.host).toBe(`hooks.loopback.test:${port}`);
  });

  it("Should refuse at delivery a name whose DNS answer turned private since it was added", async () => {
    const engine = await start("off");
    const port = new URL(receiver.url).port;
    resolver.set("hooks.flip.test", ["93.184.215.14"]);
    resolver.set("hooks.flop.test", ["93.184.215.15"]);
    const flip = await addWebhook(`http://hooks.flip.test:${port}/flip`);
    const flop = await addWebhook(`http://hooks.flop.test:${port}/flop`);
    expect([flip.status, flop.status]).toEqual([201, 201]);
    // DNS changes (rebinding): one now answers loopback, the other a private address.
    resolver.set("hooks.flip.test", ["127.0.0.1"]);
    resolver.set("hooks.flop.test", ["10.9.8.7"]);
    resolver.asked.length = 0;

    const { updateId } = await t.declare();
    await engine.drain();
    expect(receiver.received).toHaveLength(0);
    expect(resolver.asked.sort()).toEqual(["hooks.flip.test", "hooks.flop.test"]);
    expect((await subscriberRow(flip.json.data.id)).lastError).toBe(
      "not sent: the URL must not resolve to a loopback address",
    );
    expect((await subscriberRow(flop.json.data.id)).lastError).toBe(
      "not sent: the URL must not resolve to a private address",
    );
    const deliveries = await t.call("GET", "/api/v1/deliveries?channel=webhook");
    const row = deliveries.json.data.find(
      (d: { update_id: string; channel: string }) => d.update_id === updateId && d.channel === "webhook",
    );
    expect(row.last_error).toMatch(/^2 webhook\(s\) failed/);
    expect(row.last_error).not.toContain("hooks.");
  });

  it("Should refuse at delivery a private address stored before the rule, and send to nobody else for it", async () => {
    const engine = await start("off");
    const stored = await legacyWebhook(`${receiver.url}/stored`);
    await t.declare();
    await engine.drain();
    expect(receiver.received).toHaveLength(0);
    expect(await subscriberRow(stored)).toMatchObject({
      failures: 1,
      lastError: "not sent: the URL must not point at a loopback address",
    });
  });

  it("Should show neither a webhook's URL, its credentials nor a receiver's answer in any error text", async () => {
    const engine = await start("on");
    receiver.answer("/fail", 500);
    const withCredentials = await legacyWebhook(
      `http://hookuser:hookpass@127.0.0.1:${new URL(receiver.url).port}/cred`,
    );
    const failing = await legacyWebhook(`${receiver.url}/fail`);
    const writer = (await t.call("POST", "/api/v1/api-keys", { name: "writer", scopes: ["incidents:write"] })).json
      .key as string;

    const { updateId } = await t.declare();
    await engine.drain();
    // The URL with credentials is not even called; the other answered 500 with a body.
    expect(receiver.to("/cred")).toHaveLength(0);
    expect(receiver.to("/fail")).toHaveLength(1);

    const channels = await t.call("GET", "/api/v1/channels", undefined, { token: writer });
    expect(channels.status).toBe(200);
    const webhook = channels.json.data.find((c: { name: string }) => c.name === "webhook");
    expect(webhook.last_error).toMatch(/^2 webhook\(s\) failed/);
    const deliveries = await t.call("GET", `/api/v1/deliveries?channel=webhook`);
    expect(deliveries.status).toBe(200);
    expect(deliveries.json.data.some((d: { update_id: string }) => d.update_id === updateId)).toBe(true);
    const listed = await t.call("GET", "/api/v1/subscribers?type=webhook");
    const errors = listed.json.data.map((s: { last_error: string | null }) => s.last_error);
    expect(errors.sort()).toEqual([
      "answered HTTP 500",
      "not sent: the URL must not hold credentials (a user name or password)",
    ]);
    expect((await subscriberRow(withCredentials)).failures).toBe(1);
    expect((await subscriberRow(failing)).failures).toBe(1);

    expect(logLines.join("\n")).toMatch(/delivery failed, retrying: 2 webhook\(s\) failed/);
    for (const [where, text] of [
      ["the channels API", channels.text],
      ["the deliveries API", deliveries.text],
      ["the subscribers' errors", JSON.stringify(errors)],
      ["the log", logLines.join("\n")],
    ]) {
      for (const secret of ["hookuser", "hookpass", "127.0.0.1", receiver.url, "/cred", "/fail", "no thanks"]) {
        expect(text, `${where} shows ${secret}`).not.toContain(secret);
      }
    }
  });

  it("Should word a failed fetch by its code alone, though its message and cause name the URL", async () => {
    const failingFetch: WebhookSend = async (url) => {
      const cause = Object.assign(new Error(`connect ECONNREFUSED ${url}`), { code: "ECONNREFUSED" });
      throw new TypeError(`fetch failed for ${url}`, { cause });
    };
    const engine = await start("off", failingFetch);
    expect((await addWebhook("https://hooks.public.test/secret-path?token=abc")).status).toBe(201);
    const { updateId } = await t.declare();
    await engine.drain();

    const [row] = await t.db.select().from(subscribers);
    expect(row.lastError).toBe("could not be reached (ECONNREFUSED)");
    const deliveries = await t.call("GET", "/api/v1/deliveries");
    const delivery = deliveries.json.data.find(
      (d: { update_id: string; channel: string }) => d.update_id === updateId && d.channel === "webhook",
    );
    expect(delivery.last_error).toMatch(/could not be reached \(ECONNREFUSED\)$/);
    const shown = [deliveries.text, (await t.call("GET", "/api/v1/channels")).text, logLines.join("\n")].join("\n");
    expect(shown).not.toMatch(/hooks\.public\.test|secret-path|token=abc/);
  });
});
