import { base64Of } from "../lib/crypto.ts";
import { literalTargetProblem } from "../lib/webhook-target.ts";

/**
 * What a channel needs of fetch: the status, a body to cancel, and the
 * headers for Retry-After. With `readBytes`, the start of a failed answer's
 * body is wanted too (chat platforms say "gone" there): fetch gives it as a
 * stream, node:http (webhook-http.ts) as `head`.
 */
export type WebhookSend = (
  url: string,
  init: {
    method: "POST";
    headers: Record<string, string>;
    body: string;
    redirect: "manual";
    signal: AbortSignal;
    readBytes?: number;
  },
) => Promise<{
  status: number;
  body?: { cancel(): Promise<void>; getReader?(): ReadableStreamDefaultReader<Uint8Array> } | null;
  headers?: { get(name: string): string | null } | null;
  head?: string;
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
export type PostRules = {
  send: WebhookSend;
  allowPrivate: boolean;
  timeoutMs: number;
  /** Read at most this many bytes of a failed answer into `answer`; none by default. */
  readBytes?: number;
  /** Candor-Webhook/1 by default. */
  userAgent?: string;
};

/**
 * How one POST went. `status` is null when there was no answer; `refused`
 * when the address rule stopped it before any byte was sent.
 */
export type PostOutcome =
  | { ok: true; status: number }
  | {
      ok: false;
      status: number | null;
      refused: boolean;
      error: string;
      retryAfter: string | null;
      /**
       * The start of the answer's body, when asked for (PostRules.readBytes):
       * only to match a platform's codes, never to log or keep.
       */
      answer?: string;
    };

/** One JSON POST: where, the headers beyond content-type and user-agent, and the body. */
export type JsonPost = { url: string; headers?: Record<string, string>; body: string };

/**
 * POSTs one signed webhook, with the headers every Candor webhook carries
 * (Candor's x-candor-* and the Standard Webhooks webhook-*), through postJson.
 *
 * @example await postSignedWebhook({ url, event: "listen.spike", delivery: id, body, secret, now }, rules)
 */
export async function postSignedWebhook(post: SignedPost, rules: PostRules): Promise<PostOutcome> {
  const timestamp = String(Math.floor(post.now.getTime() / 1000));
  const headers: Record<string, string> = {
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
  return postJson({ url: post.url, headers, body: post.body }, rules);
}

/**
 * POSTs one JSON body, as every outbound call of Candor's does (signed
 * webhooks, chat messages): the address rule checked first, a timeout, and
 * redirects not followed (a redirected POST would arrive as a GET, or
 * somewhere the receiver did not choose). Never throws: the outcome says what
 * happened, in words that name neither the URL nor the address.
 *
 * @example await postJson({ url, body: JSON.stringify({ text: "hi" }) }, { send, allowPrivate: false, timeoutMs: 10_000 })
 */
export async function postJson(post: JsonPost, rules: PostRules): Promise<PostOutcome> {
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
  const headers = {
    "content-type": "application/json",
    "user-agent": rules.userAgent ?? webhookUserAgent,
    ...post.headers,
  };
  try {
    const res = await rules.send(target.href, {
      method: "POST",
      headers,
      body: post.body,
      redirect: "manual",
      signal: AbortSignal.timeout(rules.timeoutMs),
      ...(rules.readBytes ? { readBytes: rules.readBytes } : {}),
    });
    const ok = res.status >= 200 && res.status < 300;
    // The answer's body is the receiver's and may hold anything: never kept or
    // logged. Only a failure's first bytes are read, when a channel asks, to
    // match a platform's own codes.
    const answer = !ok && rules.readBytes ? (res.head ?? (await readHead(res.body, rules.readBytes))) : undefined;
    await res.body?.cancel().catch(() => {});
    if (ok) return { ok: true, status: res.status };
    const redirect = res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : "";
    const outcome = failed(
      `answered HTTP ${res.status}${redirect}`,
      res.status,
      false,
      res.headers?.get("retry-after") ?? null,
    );
    return answer === undefined ? outcome : { ...outcome, answer };
  } catch (err) {
    const refused = (err as { code?: unknown })?.code === webhookRefusedCode;
    return failed(describeSendError(err, rules.timeoutMs), null, refused);
  }
}

/** At most `limit` bytes of a fetch body, as text; "" when there is none or reading fails. */
async function readHead(
  body: { getReader?(): ReadableStreamDefaultReader<Uint8Array> } | null | undefined,
  limit: number,
): Promise<string> {
  const reader = body?.getReader?.();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut off midway reads as what arrived.
  } finally {
    await reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.length;
  }
  return new TextDecoder().decode(bytes);
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
