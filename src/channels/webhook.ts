import type { IncidentDetail } from "../db/models.ts";
import { type WebhookPayload, webhookPayload } from "../render/statuspage/webhook-payload.ts";
import {
  type Channel,
  ChannelError,
  type ComponentEventSource,
  componentUpdateJob,
  type DeliveryContext,
  type OutboundUpdate,
  type Recipient,
  type SubscriberDirectory,
} from "./types.ts";
import { runComponentUpdate } from "./webhook-component.ts";
import { webhookFanOut } from "./webhook-fan-out.ts";
import { type PostOutcome, postSignedWebhook, type WebhookSend } from "./webhook-post.ts";

export type WebhookChannelOptions = {
  /** Webhook subscribers (type webhook, channel webhook). */
  directory: SubscriberDirectory;
  pageName: string;
  publicUrl: string;
  /** The incident with its updates (newest first) and components; null once it is gone. */
  loadIncident(incidentId: string): Promise<IncidentDetail | null>;
  /** Component status changes and who chose them (the component.update job); without it the job is refused. */
  componentEvents?: ComponentEventSource;
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

/**
 * The webhook channel. For each update it streams the webhooks that chose
 * incident events, should get it and have not yet, in batches, POSTing
 * `concurrency` at a time, and records each one that answered 2xx: after a
 * crash only what was in flight is sent again (receivers dedupe on
 * X-Candor-Delivery, which is also the Standard Webhooks webhook-id: the
 * update's id). Failures follow webhook-fan-out.ts. Its own job,
 * component.update, sends a component's status change to the webhooks that
 * chose component events (webhook-component.ts).
 */
export function createWebhookChannel(options: WebhookChannelOptions): Channel {
  const { directory } = options;
  const send: WebhookSend = options.send ?? ((input, init) => globalThis.fetch(input, init));
  const rules = { send, allowPrivate: options.allowPrivate ?? false, timeoutMs: options.timeoutMs ?? 10_000 };
  const concurrency = options.concurrency ?? 10;
  const batchSize = options.batchSize ?? 500;
  const clock = options.clock ?? (() => new Date());
  const page = { name: options.pageName, publicUrl: options.publicUrl };

  function post(update: OutboundUpdate, payload: WebhookPayload, to: Recipient): Promise<PostOutcome> {
    const now = clock();
    const body = JSON.stringify({ ...payload, meta: { ...payload.meta, generated_at: now.toISOString() } });
    return postSignedWebhook(
      { url: to.url as string, event: "incident.update", delivery: update.updateId, body, secret: to.secret, now },
      rules,
    );
  }

  async function deliver(update: OutboundUpdate, ctx: DeliveryContext): Promise<void> {
    const pending = { id: update.updateId, incidentId: update.incidentId, createdAt: update.createdAt };
    const batch = await directory.pending(pending, null, batchSize);
    if (!batch.length) return;
    const detail = await options.loadIncident(update.incidentId);
    if (!detail) throw new ChannelError(`incident ${update.incidentId} no longer exists`, "permanent");
    const payload = webhookPayload(detail, update, page, ctx.now);
    await webhookFanOut({
      ctx,
      now: ctx.now,
      directory,
      first: batch,
      pending: (afterId) => directory.pending(pending, afterId, batchSize),
      concurrency,
      unsubscribe: options.unsubscribe,
      post: (to) => post(update, payload, to),
      recordSuccess: (to, status) => ctx.recordDelivery(to.id, { status }),
    });
  }

  const events = options.componentEvents;
  return {
    name: "webhook",
    notifyFlag: "webhook",
    deliver,
    async runJob(topic, payload, ctx) {
      if (topic !== componentUpdateJob.topic || !events) {
        throw new ChannelError(`unknown webhook job ${topic}`, "permanent");
      }
      const deps = { events, directory, page, rules, clock, concurrency, batchSize, unsubscribe: options.unsubscribe };
      await runComponentUpdate(deps, payload, ctx);
    },
  };
}
