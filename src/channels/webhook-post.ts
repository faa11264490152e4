import { base64Of } from "../lib/crypto.ts";
import { literalTargetProblem } from "../lib/webhook-target.ts";

/** What a channel needs of fetch: the status, a body to cancel (never read), and the headers for Retry-After. */
export type WebhookSend = (
  url: string,
  init: { method: "POST"; headers: Record<string, string>; body: string; redirect: "manual"; signal: AbortSignal },
) => Promise<{
  status: number;
  body?: { cancel(): Promise<void> } | null;
  headers?: { get(name: string): string | null } | null;
}>;

export const webhookUserAgent = "Candor-Webhook/1";

/** The code of the error a send raises when the host resolves to an address the rule refuses. */
export const webhookRefusedCode = "EWEBHOOKREFUSED";

/** HMAC-SHA256 of `message`, keyed with the secret's UTF-8 bytes. Web Crypto, so it runs on Node and Workers alike. */
async function hmacSha256(secret: string, message: string): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

/**
 * Signs one request as receivers check X-Candor-Signature: hex HMAC-SHA256,
 * keyed with the secret (its UTF-8 bytes), of `<timestamp>.<body>`.
 *
 * @example await webhookSignature("s3cret-s3cret-16", "1764763200", '{"a":1}') // "sha256=…"
 */
export async function webhookSignature(secret: string, timestamp: string, body: string): Promise<string> {
  const mac = await hmacSha256(secret, `${timestamp}.${body}`);
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The Standard Webhooks signature (webhook-signature): `v1,` and the base64
 * HMAC-SHA256 of `<id>.<timestamp>.<body>`, keyed with the same bytes as
 * X-Candor-Signature; the `whsec_` form of the secret is those bytes in base64.
 *
 * @example await standardWebhookSignature("s3cret-s3cret-16", "upd_1", "1764763200", '{"a":1}') // "v1,…"
 */
export async function standardWebhookSignature(secret: string, id: string, timestamp: string, body: string) {
  return `v1,${base64Of(await hmacSha256(secret, `${id}.${timestamp}.${body}`))}`;
}

/** One signed POST: where, what, and the secret if the receiver has one. */
export type SignedPost = {
  url: string;
  /**
   * x-candor-event and x-candor-delivery: what it is, and the id receivers
   * dedupe on. The delivery is also the webhook-id: the same on every retry
   * and after a restart (an update's or an alert's id, never a per-attempt one).
   */
  event: string;
  delivery: string;
  body: string;
  secret?: string | null;
  /** The time in x-candor-timestamp and webhook-timestamp (and so in the signatures). */
  now: Date;
};

/** How to send: the send function, the private-address rule, and the time a receiver has to answer. */
export type PostRules = { send: WebhookSend; allowPrivate: boolean; timeoutMs: number };

/**
 * How one POST went. `status` is null when there was no answer; `refused`
 * when the address rule stopped it before any byte was sent.
 */
export type PostOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; refused: boolean; error: string; retryAfter: string | null };

/**
 * POSTs one signed webhook, with the headers every Candor webhook carries
 * (Candor's x-candor-* and the Standard Webhooks webhook-*);
 * redirects are not followed (a redirected POST would arrive as a GET, or
 * somewhere the receiver did not choose). Never throws: the outcome says what
 * happened, in words that name neither the URL nor the address.
 *
 * @example await postSignedWebhook({ url, event: "listen.spike", delivery: id, body, secret, now }, rules)
 */
export async function postSignedWebhook(post: SignedPost, rules: PostRules): Promise<PostOutcome> {
  const failed = (error: string, status: number | null = null, refused = false, retryAfter: string | null = null) =>
    ({ ok: false, status, refused, error, retryAfter }) as const;
  let target: URL;
  try {
    target = new URL(post.url);
  } catch {
    return failed("not sent: the URL is not valid");
  }
  // Checked again at every call: the rule may have changed since the URL was set.
  const problem = literalTargetProblem(target, { allowPrivate: rules.allowPrivate });
  if (problem) return failed(`not sent: the URL ${problem.message}`, null, true);
  const timestamp = String(Math.floor(post.now.getTime() / 1000));
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": webhookUserAgent,
    "x-candor-event": post.event,
    "x-candor-delivery": post.delivery,
    "x-candor-timestamp": timestamp,
    // Standard Webhooks (standardwebhooks.com) beside Candor's own, which existing receivers check.
    "webhook-id": post.delivery,
    "webhook-timestamp": timestamp,
  };
  if (post.secret) {
    headers["x-candor-signature"] = await webhookSignature(post.secret, timestamp, post.body);
    headers["webhook-signature"] = await standardWebhookSignature(post.secret, post.delivery, timestamp, post.body);
  }
  try {
    const res = await rules.send(target.href, {
      method: "POST",
      headers,
      body: post.body,
      redirect: "manual",
      signal: AbortSignal.timeout(rules.timeoutMs),
    });
    // The answer's body is never read or kept: it is the receiver's, and may hold anything.
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    const redirect = res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : "";
    return failed(`answered HTTP ${res.status}${redirect}`, res.status, false, res.headers?.get("retry-after") ?? null);
  } catch (err) {
    const refused = (err as { code?: unknown })?.code === webhookRefusedCode;
    return failed(describeSendError(err, rules.timeoutMs), null, refused);
  }
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
