import type { IncidentDetail } from "../db/models.ts";
import { type WebhookPayload, webhookPayload } from "../render/statuspage/webhook-payload.ts";
import { fanOut } from "./fan-out.ts";
import {
  type Channel,
  ChannelError,
  type DeliveryContext,
  type OutboundUpdate,
  type Recipient,
  type SubscriberDirectory,
} from "./types.ts";
import { postSignedWebhook, type WebhookSend } from "./webhook-post.ts";

export type WebhookChannelOptions = {
  /** Webhook subscribers (type webhook, channel webhook). */
  directory: SubscriberDirectory;
  pageName: string;
  publicUrl: string;
  /** The incident with its updates (newest first) and components; null once it is gone. */
  loadIncident(incidentId: string): Promise<IncidentDetail | null>;
  /** A receiver answered 410 Gone: stop sending to it. Without it, 410 counts as a failure. */
  unsubscribe?(subscriberId: string, now: Date): Promise<void>;
  /**
   * POSTs one webhook. Global fetch by default (Workers, where only the URL's
   * literal host can be checked); the Node entry passes the node:http one
   * (webhook-http.ts), which checks what the host resolves to and connects to
   * that checked address.
   */
  send?: WebhookSend;
  /** WEBHOOK_ALLOW_PRIVATE: call private addresses too (local receivers, tests). Off by default. */
  allowPrivate?: boolean;
  /** How long a receiver has to answer, body included. */
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Recipients read per query. */
  batchSize?: number;
  /** The time put in X-Candor-Timestamp and meta.generated_at; real time by default, since a fanout can be long. */
  clock?: () => Date;
};

// Moved to webhook-post.ts (the operators' spike alert signs and sends the same way); kept importable from here.
export { type WebhookSend, webhookRefusedCode, webhookSignature, webhookUserAgent } from "./webhook-post.ts";

type Outcome = { ok: true; status: number } | { ok: false; gone: boolean; error: string };

/**
 * The webhook channel. For each update it streams the webhooks that should
 * get it and have not yet, in batches, POSTing `concurrency` at a time, and
 * records each one that answered 2xx: after a crash only what was in flight
 * is sent again (receivers dedupe on X-Candor-Delivery, which is also the
 * Standard Webhooks webhook-id: the update's id). Any other answer, a
 * timeout or a network error counts a failure for that webhook (ten within an
 * hour quarantine it) and leaves it for the row's next attempt, which the
 * engine backs off; the others are not sent again.
 */
export function createWebhookChannel(options: WebhookChannelOptions): Channel {
  const { directory } = options;
  const send: WebhookSend = options.send ?? ((input, init) => globalThis.fetch(input, init));
  const rule = { allowPrivate: options.allowPrivate ?? false };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const concurrency = options.concurrency ?? 10;
  const batchSize = options.batchSize ?? 500;
  const clock = options.clock ?? (() => new Date());
  const page = { name: options.pageName, publicUrl: options.publicUrl };

  async function post(update: OutboundUpdate, payload: WebhookPayload, to: Recipient): Promise<Outcome> {
    const now = clock();
    const body = JSON.stringify({ ...payload, meta: { ...payload.meta, generated_at: now.toISOString() } });
    const outcome = await postSignedWebhook(
      { url: to.url as string, event: "incident.update", delivery: update.updateId, body, secret: to.secret, now },
      { send, allowPrivate: rule.allowPrivate, timeoutMs },
    );
    return outcome.ok ? outcome : { ok: false, gone: outcome.status === 410, error: outcome.error };
  }

  async function deliver(update: OutboundUpdate, ctx: DeliveryContext): Promise<void> {
    const pending = { id: update.updateId, incidentId: update.incidentId, createdAt: update.createdAt };
    const batch = await directory.pending(pending, null, batchSize);
    if (!batch.length) return;
    const detail = await options.loadIncident(update.incidentId);
    if (!detail) throw new ChannelError(`incident ${update.incidentId} no longer exists`, "permanent");
    const payload = webhookPayload(detail, update, page, ctx.now);
    let deferred = 0;
    let firstError = "";
    // A failure on our side (the database) stops the fan-out, to resume where it was.
    await fanOut({
      ctx,
      first: batch,
      pending: (afterId) => directory.pending(pending, afterId, batchSize),
      concurrency,
      async send(to) {
        if (!to.url) return;
        const outcome = await post(update, payload, to);
        if (outcome.ok) {
          await ctx.recordDelivery(to.id, { status: outcome.status });
          if (to.failures > 0) await directory.succeeded(to.id, ctx.now);
          return;
        }
        if (outcome.gone && options.unsubscribe) {
          await options.unsubscribe(to.id, ctx.now);
          return;
        }
        const state = await directory.failed(to.id, outcome.error, ctx.now);
        if (state === "active") {
          deferred++;
          // The subscriber's id, not its URL: URLs can carry tokens, and this message is shown.
          firstError ||= `${to.id} ${outcome.error}`;
        }
      },
    });
    if (deferred) {
      throw new ChannelError(
        `${deferred} webhook(s) failed, they get it on the next attempt; first: ${firstError}`.slice(0, 1000),
        "retry",
        undefined,
        { recipientsOnly: true },
      );
    }
  }

  return { name: "webhook", notifyFlag: "webhook", deliver };
}
