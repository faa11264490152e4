import type { IncidentDetail } from "../db/models.ts";
import { literalTargetProblem } from "../lib/webhook-target.ts";
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

/** What the channel needs of fetch: the status, and a body to cancel (never read: a failure stores only the status). */
export type WebhookSend = (
  url: string,
  init: { method: "POST"; headers: Record<string, string>; body: string; redirect: "manual"; signal: AbortSignal },
) => Promise<{ status: number; body?: { cancel(): Promise<void> } | null }>;

export const webhookUserAgent = "Candor-Webhook/1";

/**
 * Signs one request as receivers check it: hex HMAC-SHA256, keyed with the
 * subscriber's secret (its UTF-8 bytes), of `<timestamp>.<body>`. Web Crypto,
 * so it runs on Node and Workers alike.
 */
export async function webhookSignature(secret: string, timestamp: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${timestamp}.${body}`));
  return `sha256=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

type Outcome = { ok: true; status: number } | { ok: false; gone: boolean; error: string };

/**
 * The webhook channel. For each update it streams the webhooks that should
 * get it and have not yet, in batches, POSTing `concurrency` at a time, and
 * records each one that answered 2xx: after a crash only what was in flight
 * is sent again (receivers dedupe on X-Candor-Delivery). Any other answer, a
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
    // Checked again at every call: the rule may have changed since the
    // webhook was added, or the row may predate it.
    let target: URL;
    try {
      target = new URL(to.url as string);
    } catch {
      return { ok: false, gone: false, error: "not sent: the URL is not valid" };
    }
    const refused = literalTargetProblem(target, rule);
    if (refused) return { ok: false, gone: false, error: `not sent: the URL ${refused.message}` };
    const now = clock();
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const body = JSON.stringify({ ...payload, meta: { ...payload.meta, generated_at: now.toISOString() } });
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": webhookUserAgent,
      "x-candor-event": "incident.update",
      "x-candor-delivery": update.updateId,
      "x-candor-timestamp": timestamp,
    };
    if (to.secret) headers["x-candor-signature"] = await webhookSignature(to.secret, timestamp, body);
    try {
      const res = await send(target.href, {
        method: "POST",
        headers,
        body,
        // A redirected POST would arrive as a GET, or somewhere the subscriber did not choose.
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The answer's body is never read or kept: it is the receiver's, and may hold anything.
      await res.body?.cancel().catch(() => {});
      if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
      const redirect = res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : "";
      return { ok: false, gone: res.status === 410, error: `answered HTTP ${res.status}${redirect}` };
    } catch (err) {
      return { ok: false, gone: false, error: describeSendError(err, timeoutMs) };
    }
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

/**
 * A failed call in words: a timeout, a refused address, or the network's
 * error code. Never the error's message: fetch's and node:http's name the URL
 * or the address, and a URL can carry tokens.
 */
function describeSendError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; code?: unknown; message?: string; cause?: { code?: unknown } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `did not answer within ${timeoutMs} ms`;
  if (e?.code === webhookRefusedCode) return `not sent: the URL ${e.message}`;
  const code = [e?.code, e?.cause?.code].find((c) => typeof c === "string" && /^[A-Z][A-Z0-9_]{1,40}$/.test(c));
  return code ? `could not be reached (${code})` : "could not be reached";
}

/** The code of the error a send raises when the host resolves to an address the rule refuses. */
export const webhookRefusedCode = "EWEBHOOKREFUSED";
