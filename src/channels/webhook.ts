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

export type WebhookChannelOptions = {
  /** Webhook subscribers (type webhook, channel webhook). */
  directory: SubscriberDirectory;
  pageName: string;
  publicUrl: string;
  /** The incident with its updates (newest first) and components; null once it is gone. */
  loadIncident(incidentId: string): Promise<IncidentDetail | null>;
  /** A receiver answered 410 Gone: stop sending to it. Without it, 410 counts as a failure. */
  unsubscribe?(subscriberId: string, now: Date): Promise<void>;
  fetch?: typeof fetch;
  /** How long a receiver has to answer, body included. */
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Recipients read per query. */
  batchSize?: number;
  /** The time put in X-Candor-Timestamp and meta.generated_at; real time by default, since a fanout can be long. */
  clock?: () => Date;
};

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
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const concurrency = options.concurrency ?? 10;
  const batchSize = options.batchSize ?? 500;
  const clock = options.clock ?? (() => new Date());
  const page = { name: options.pageName, publicUrl: options.publicUrl };

  async function post(update: OutboundUpdate, payload: WebhookPayload, to: Recipient): Promise<Outcome> {
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
      const res = await send(to.url as string, {
        method: "POST",
        headers,
        body,
        // A redirected POST would arrive as a GET, or somewhere the subscriber did not choose.
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.status >= 200 && res.status < 300) {
        await res.body?.cancel().catch(() => {});
        return { ok: true, status: res.status };
      }
      let said = "";
      try {
        said = (await res.text()).replace(/\s+/g, " ").trim().slice(0, 200);
      } catch {
        // The answer's status is enough.
      }
      const where = res.status >= 300 && res.status < 400 ? ` (redirect to ${res.headers.get("location")})` : "";
      return {
        ok: false,
        gone: res.status === 410,
        error: `answered ${res.status}${where}${said ? `: ${said}` : ""}`,
      };
    } catch (err) {
      return { ok: false, gone: false, error: describeFetchError(err, timeoutMs) };
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

/** A failed fetch in words: a timeout, or what the network said. */
function describeFetchError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `did not answer within ${timeoutMs} ms`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `could not be reached: ${cause ?? e?.message ?? String(err)}`;
}
