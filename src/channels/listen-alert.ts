import { type ListenAlertFacts, listenAlertBody } from "../render/listen-alert.ts";
import { type Channel, ChannelError, listenAlertJob } from "./types.ts";
import { type PostOutcome, postSignedWebhook, type WebhookSend } from "./webhook-post.ts";

export type ListenAlertChannelOptions = {
  /** LISTEN_ALERT_WEBHOOK_URL and LISTEN_ALERT_WEBHOOK_SECRET (no signature header without one). */
  url: string;
  secret?: string;
  /** As for subscriber webhooks: the Node entry's send checks what the host resolves to. Global fetch by default. */
  send?: WebhookSend;
  /** WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate?: boolean;
  timeoutMs?: number;
};

/** A 429 without a usable Retry-After waits this long; one that asks for longer than an hour is held to an hour. */
const defaultWaitMs = 60_000;
const longestWaitMs = 3_600_000;

/** When a 429 says to come back: Retry-After in seconds or as an HTTP date, within sensible bounds. */
export function retryAfterTime(header: string | null, now: Date): Date {
  const seconds = header && /^\d+$/.test(header.trim()) ? Number(header) * 1000 : null;
  const date = header && seconds === null ? Date.parse(header) - now.getTime() : Number.NaN;
  const wait = seconds ?? (Number.isFinite(date) ? date : defaultWaitMs);
  return new Date(now.getTime() + Math.min(longestWaitMs, Math.max(1000, wait)));
}

/**
 * A failed POST as the engine's decision. No answer or a 5xx, 408: try again
 * (backing off). 429: wait as the receiver asked. A refused address: the
 * channel is misconfigured (WEBHOOK_ALLOW_PRIVATE), so the row waits without
 * using up attempts. Any other answer cannot get better by itself: permanent
 * (the row is dead, listed and retryable by hand).
 *
 * @example toAlertError({ ok: false, status: 503, refused: false, error: "answered HTTP 503", retryAfter: null }, now).decision // "retry"
 */
export function toAlertError(outcome: Extract<PostOutcome, { ok: false }>, now: Date): ChannelError {
  const said = `the alert webhook ${outcome.error}`;
  if (outcome.refused) return new ChannelError(said, "unhealthy");
  const { status } = outcome;
  if (status === 429) return new ChannelError(said, "retry_at", retryAfterTime(outcome.retryAfter, now));
  if (status === null || status >= 500 || status === 408) return new ChannelError(said, "retry");
  return new ChannelError(said, "permanent");
}

function factsOf(payload: Record<string, unknown>): ListenAlertFacts {
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === "string");
  const p = payload as Partial<ListenAlertFacts>;
  if (
    typeof p.alertId !== "string" ||
    typeof p.authors !== "number" ||
    typeof p.baseline !== "number" ||
    typeof p.windowSeconds !== "number" ||
    typeof p.createdAt !== "string" ||
    !strings(p.topWords) ||
    !strings(p.postUrls)
  ) {
    throw new ChannelError("the listen.alert job's payload is not an alert", "permanent");
  }
  return p as ListenAlertFacts;
}

/**
 * The operators' spike alert (issue 16): a channel with jobs only, never
 * public updates, so no subscriber ever gets it. Its one job, listen.alert,
 * POSTs the alert to LISTEN_ALERT_WEBHOOK_URL, signed as subscriber webhooks
 * are (x-candor-signature and the Standard Webhooks webhook-signature),
 * through the same guard against private addresses. Receivers dedupe on
 * x-candor-delivery (= webhook-id), the alert's id: a crash after sending
 * sends it again.
 *
 * @example createListenAlertChannel({ url: config.listen.alert.url, secret: config.listen.alert.secret })
 */
export function createListenAlertChannel(options: ListenAlertChannelOptions): Channel {
  const send: WebhookSend = options.send ?? ((input, init) => globalThis.fetch(input, init));
  const rules = { send, allowPrivate: options.allowPrivate ?? false, timeoutMs: options.timeoutMs ?? 10_000 };
  return {
    name: listenAlertJob.channel,
    jobsOnly: true,
    async deliver() {
      throw new ChannelError("the listen-alert channel takes no public updates", "permanent");
    },
    async runJob(topic, payload, ctx) {
      if (topic !== listenAlertJob.topic) throw new ChannelError(`unknown listen-alert job ${topic}`, "permanent");
      const facts = factsOf(payload);
      const body = JSON.stringify(listenAlertBody(facts));
      const post = { url: options.url, event: "listen.spike", delivery: facts.alertId, body, now: ctx.now };
      const outcome = await postSignedWebhook({ ...post, secret: options.secret }, rules);
      if (!outcome.ok) throw toAlertError(outcome, ctx.now);
    },
  };
}
