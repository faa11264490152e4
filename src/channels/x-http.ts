import { createHmac } from "node:crypto";
import OAuth from "oauth-1.0a";
import type { TwitterConfig } from "../config.ts";
import { XApiError, XRequestError } from "./x-errors.ts";

/**
 * A call that takes longer is abandoned, so a hung X cannot hold a delivery:
 * posts wait this long, well inside the outbox's 60 s lease
 * (delivery/queue/shared.ts); the listeners ask for less.
 */
export const defaultTimeoutMs = 30_000;

/** Query parameters; undefined and null ones are left out. */
export type XQuery = Record<string, string | number | null | undefined>;

export type XHttp = {
  /** GET /2/<path>?<query>, signed; the parsed JSON answer. */
  get<T>(path: string, query?: XQuery, options?: { timeoutMs?: number }): Promise<T>;
  /** POST /2/<path> with a JSON body, signed; the parsed JSON answer. */
  post<T>(path: string, body: unknown, options?: { timeoutMs?: number }): Promise<T>;
};

/** The words of what went wrong: fetch only says "fetch failed", its cause says "connect ECONNREFUSED ...". */
function reason(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (!(cause instanceof Error)) return String(cause);
  // Node's happy-eyeballs connect fails with an AggregateError whose own message is empty.
  const first = cause instanceof AggregateError ? cause.errors.find((e) => e instanceof Error) : undefined;
  return cause.message || first?.message || (cause as { code?: string }).code || cause.name;
}

function resetOf(headers: Headers): Date | null {
  const seconds = Number(headers.get("x-rate-limit-reset") ?? Number.NaN);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : null;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** One exchange with X, read to the end within `timeoutMs`; X's own refusals are the caller's to read. */
async function exchange(url: URL, init: RequestInit, what: string, timeoutMs: number) {
  const signal = AbortSignal.timeout(timeoutMs);
  const late = () => new XRequestError("timeout", `no answer to ${what} within ${timeoutMs / 1000} s`);
  let res: Response;
  try {
    // X's API does not redirect; following one would send the signed request where it was not signed for.
    res = await fetch(url, { ...init, signal, redirect: "manual" });
  } catch (err) {
    throw signal.aborted ? late() : new XRequestError("unreachable", reason(err), { cause: err });
  }
  try {
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (err) {
    if (signal.aborted) throw late();
    const said = `${what} answered ${res.status}, then broke off: ${reason(err)}`;
    throw new XRequestError("cut_off", said, { cause: err });
  }
}

/**
 * X API v2 over fetch, signed as the configured account (OAuth 1.0a user
 * context, HMAC-SHA1) at TWITTER_API_URL. Fetch is the same on Node and on
 * Workers, so the X channel, the acknowledgements and the listeners have one
 * code path on both, and a plain-http stand-in (the fake X) needs nothing
 * extra. Errors are XApiError (X answered) or XRequestError (it did not).
 *
 * @example
 * const x = xHttp(config.twitter);
 * const { data } = await x.post<{ data: { id: string } }>("tweets", { text: "Investigating" });
 */
export function xHttp(twitter: TwitterConfig): XHttp {
  const oauth = new OAuth({
    consumer: { key: twitter.appKey, secret: twitter.appSecret },
    signature_method: "HMAC-SHA1",
    hash_function: (base, key) => createHmac("sha1", key).update(base).digest("base64"),
  });
  const token = { key: twitter.accessToken, secret: twitter.accessSecret };
  const prefix = `${twitter.apiUrl}/2/`;

  async function send<T>(method: "GET" | "POST", path: string, query: XQuery, body: unknown, timeoutMs: number) {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params[k] = String(v);
    // RFC 3986 encoding (a space is %20, never URLSearchParams' '+'): X signs the query as sent, and so does oauth-1.0a.
    const search = Object.entries(params)
      .map(([k, v]) => `${oauth.percentEncode(k)}=${oauth.percentEncode(v)}`)
      .join("&");
    const url = new URL(`${prefix}${path}${search ? `?${search}` : ""}`);
    // The signature covers the query, given as data beside the base URL (origin: lowercase host, no default
    // port; RFC 5849 §3.4.1.2). A JSON body is not part of an OAuth 1.0a signature.
    const signed = oauth.authorize({ method, url: `${url.origin}${url.pathname}`, data: params }, token);
    const headers: Record<string, string> = { authorization: oauth.toHeader(signed).Authorization };
    if (body !== undefined) headers["content-type"] = "application/json";
    const what = `${method} /2/${path}`;
    const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
    const answer = await exchange(url, init, what, timeoutMs);
    const json = parseJson(answer.text);
    if (answer.status < 200 || answer.status > 299) {
      throw new XApiError(answer.status, json.ok ? json.value : answer.text, resetOf(answer.headers));
    }
    if (!json.ok) throw new XRequestError("cut_off", `${what} answered ${answer.status} with no whole JSON`);
    return json.value as T;
  }

  return {
    get: <T>(path: string, query: XQuery = {}, options: { timeoutMs?: number } = {}) =>
      send<T>("GET", path, query, undefined, options.timeoutMs ?? defaultTimeoutMs),
    post: <T>(path: string, body: unknown, options: { timeoutMs?: number } = {}) =>
      send<T>("POST", path, {}, body, options.timeoutMs ?? defaultTimeoutMs),
  };
}
