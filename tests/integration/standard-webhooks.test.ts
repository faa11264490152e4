// Standard Webhooks (issue 18, part 5): every webhook Candor sends carries
// webhook-id, webhook-timestamp and webhook-signature beside its own
// x-candor-* headers, and verifies with the standardwebhooks library given
// the secret the API returned. Subscriber webhooks on both databases, through
// the engine and a real receiver; the listen alert through its channel.
import { describe, expect, it } from "vitest";
import { createListenAlertChannel } from "../../src/channels/listen-alert.ts";
import { ChannelError } from "../../src/channels/types.ts";
import { guardedWebhookSend } from "../../src/channels/webhook-http.ts";
import type { Engine } from "../../src/delivery/engine.ts";
import { startTestApp } from "../support/app.ts";
import { databaseKinds } from "../support/db.ts";
import { stubResolver } from "../support/resolver.ts";
import { verifyStandard } from "../support/standard-webhooks.ts";
import { minutes } from "../support/time.ts";
import { localWebhookChannel } from "../support/webhook-channel.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

/** Sent as the Node entry sends, to the receiver on 127.0.0.1. */
const localSend = guardedWebhookSend({ allowPrivate: true, resolve: stubResolver() });

describe.each(databaseKinds)("Standard Webhooks headers on %s", (kind) => {
  it("Should sign a delivery and its retry under one webhook-id, verifiable with the secret the API returned", async () => {
    const receiver = await startWebhookReceiver();
    const t = await startTestApp(kind, {
      env: { PUBLIC_URL: "https://status.example.com" },
      channels: async (deps) => [localWebhookChannel(deps)],
    });
    try {
      const added = await t.call("POST", "/api/v1/subscribers", { type: "webhook", url: `${receiver.url}/hook` });
      expect(added.status, added.text).toBe(201);
      const { secret, standard_webhooks_secret: whsec } = added.json;
      // One secret, two spellings: whsec_ and the base64 of the same bytes.
      expect(whsec).toBe(`whsec_${Buffer.from(secret).toString("base64")}`);

      receiver.answer("/hook", 503, 200);
      const sentAt = t.clock.read();
      const { updateId } = await t.declare({ title: "API errors", message: "We are investigating." });
      const engine = t.engine as Engine;
      await engine.drain();
      t.clock.advance(minutes(10));
      const retriedAt = t.clock.read();
      await engine.drain();

      const [first, retry, ...more] = receiver.to("/hook");
      expect(more).toEqual([]);
      expect(first.headers).toMatchObject({
        "webhook-id": updateId,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
        // Candor's own headers are still there, for the receivers that check them.
        "x-candor-delivery": updateId,
        "x-candor-signature": expect.stringMatching(/^sha256=[0-9a-f]{64}$/),
      });
      expect(verifyStandard(whsec, first, sentAt)).toMatchObject({ incident: { name: "API errors" } });
      // The retry: the same id, its own timestamp, and a signature that verifies.
      expect(retry.headers["webhook-id"]).toBe(updateId);
      expect(retry.headers["webhook-timestamp"]).toBe(String(Math.floor(retriedAt.getTime() / 1000)));
      expect(verifyStandard(whsec, retry, retriedAt)).toMatchObject({ incident: { name: "API errors" } });
      // A library given the raw secret's bytes agrees.
      expect(verifyStandard(secret, retry, retriedAt, { format: "raw" })).toBeTruthy();

      // A changed body, a signature checked with another secret, or a stale timestamp do not verify.
      const tampered = { ...retry, body: retry.body.replace("API errors", "API errors fixed") };
      expect(() => verifyStandard(whsec, tampered, retriedAt)).toThrow(/signature/i);
      const otherSecret = `whsec_${Buffer.from("another-secret-0123456789").toString("base64")}`;
      expect(() => verifyStandard(otherSecret, retry, retriedAt)).toThrow(/signature/i);
      expect(() => verifyStandard(whsec, retry, new Date(retriedAt.getTime() + minutes(6)))).toThrow(/too old/);
    } finally {
      await receiver.close();
      await t.close();
    }
  });
});

describe("Standard Webhooks headers on the listen alert", () => {
  it("Should sign the alert and its retry under the alert's id", async () => {
    const receiver = await startWebhookReceiver();
    const secret = "spike-secret-0123456789";
    const whsec = `whsec_${Buffer.from(secret).toString("base64")}`;
    const channel = createListenAlertChannel({
      url: `${receiver.url}/alert`,
      secret,
      send: localSend,
      allowPrivate: true,
    });
    const facts = {
      alertId: "lal_0123456789",
      authors: 8,
      baseline: 1,
      windowSeconds: 600,
      topWords: ["login"],
      postUrls: ["https://x.com/ada/status/1"],
      createdAt: "2026-11-23T12:00:00.000Z",
    };
    try {
      receiver.answer("/alert", 503, 200);
      const sentAt = new Date(facts.createdAt);
      const failed = channel.runJob?.("listen.alert", facts, { now: sentAt });
      await expect(failed).rejects.toBeInstanceOf(ChannelError);
      const retriedAt = new Date(sentAt.getTime() + minutes(1));
      await channel.runJob?.("listen.alert", facts, { now: retriedAt });

      const [first, retry] = receiver.to("/alert");
      for (const [got, at] of [
        [first, sentAt],
        [retry, retriedAt],
      ] as const) {
        expect(got.headers["webhook-id"]).toBe(facts.alertId);
        expect(got.headers["webhook-timestamp"]).toBe(String(at.getTime() / 1000));
        expect(verifyStandard(whsec, got, at)).toMatchObject({ type: "listen.spike" });
      }
      expect(() => verifyStandard(whsec, { ...retry, body: `${retry.body} ` }, retriedAt)).toThrow(/signature/i);
    } finally {
      await receiver.close();
    }
  });
});
