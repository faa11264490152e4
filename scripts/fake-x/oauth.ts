/** The OAuth 1.0a check X makes on every /2/ request, saying which part failed so a 401 can be debugged. */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { mediaType } from "./http.ts";
import { oauth1Signature } from "./signature.ts";
import type { FakeXState } from "./state.ts";

/** Within this many seconds of real time, as X allows (it answers 401 beyond). */
const timestampSkewSeconds = 300;

/** The Authorization header's parameters, or why they cannot be read. */
function parseAuthorization(header: string | undefined): Map<string, string> | string {
  if (!header) return "no Authorization header";
  const match = /^OAuth\s+(.*)$/is.exec(header);
  if (!match) return `Authorization is not OAuth 1.0a: ${header.split(" ")[0]}`;
  const oauth = new Map<string, string>();
  // Values are percent-encoded, so a comma can only separate parameters.
  for (const part of match[1].split(",")) {
    const item = part.trim();
    if (!item) continue;
    const pair = /^([^=\s]+)\s*=\s*"([^"]*)"$/.exec(item);
    if (!pair) return `malformed Authorization parameter: ${item}`;
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(pair[1]);
      value = decodeURIComponent(pair[2]);
    } catch {
      return `malformed percent-encoding in Authorization parameter: ${item}`;
    }
    if (oauth.has(name)) return `Authorization repeats ${name}`;
    oauth.set(name, value);
  }
  return oauth;
}

/** Why the OAuth 1.0a header does not authenticate this request, or null when it does. */
export function verifyOAuth(state: FakeXState, req: IncomingMessage, rawPath: string, body: Buffer): string | null {
  const { credentials, nonces } = state;
  const oauth = parseAuthorization(req.headers.authorization);
  if (typeof oauth === "string") return oauth;
  for (const required of ["oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp"]) {
    if (!oauth.get(required)) return `missing ${required}`;
  }
  if (!oauth.get("oauth_nonce")) return "missing oauth_nonce";
  if (!oauth.get("oauth_signature")) return "missing oauth_signature";
  if (oauth.get("oauth_consumer_key") !== credentials.appKey) return "unknown oauth_consumer_key";
  if (oauth.get("oauth_token") !== credentials.accessToken) return "unknown oauth_token";
  if (oauth.get("oauth_signature_method") !== "HMAC-SHA1") {
    return `unsupported oauth_signature_method ${oauth.get("oauth_signature_method")}`;
  }
  if (oauth.has("oauth_version") && oauth.get("oauth_version") !== "1.0") {
    return `unsupported oauth_version ${oauth.get("oauth_version")}`;
  }
  const timestamp = oauth.get("oauth_timestamp")!;
  if (!/^\d+$/.test(timestamp)) return `malformed oauth_timestamp ${timestamp}`;
  // Real time, not the injected clock: the client signs with the real one.
  const skew = Number(timestamp) - Date.now() / 1000;
  if (Math.abs(skew) > timestampSkewSeconds) {
    return `oauth_timestamp ${timestamp} is ${Math.round(skew)}s from the server's time (allowed ±${timestampSkewSeconds}s)`;
  }

  const params: [string, string][] = [];
  for (const [k, v] of oauth) {
    if (k !== "oauth_signature" && k !== "realm") params.push([k, v]);
  }
  const query = rawPath.includes("?") ? rawPath.slice(rawPath.indexOf("?") + 1) : "";
  for (const [k, v] of new URLSearchParams(query)) params.push([k, v]);
  // A form-encoded body is signed (RFC 5849 §3.4.1.3.1); X v2's JSON bodies are not.
  if (mediaType(req) === "application/x-www-form-urlencoded") {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params.push([k, v]);
  }
  // The base URL as it reached us: the host the client connected to, default port dropped.
  const host = (req.headers.host ?? "").toLowerCase().replace(/:80$/, "");
  const baseUrl = `http://${host}${rawPath.split("?")[0]}`;
  const { signature, baseString } = oauth1Signature({
    method: req.method ?? "GET",
    baseUrl,
    params,
    consumerSecret: credentials.appSecret,
    tokenSecret: credentials.accessSecret,
  });
  const given = Buffer.from(oauth.get("oauth_signature")!, "utf8");
  const expected = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return `signature mismatch (signature base string: ${baseString})`;
  }

  const nonce = oauth.get("oauth_nonce")!;
  const now = Date.now();
  if ((nonces.get(nonce) ?? 0) > now) return `oauth_nonce ${nonce} already used`;
  for (const [n, forgetAt] of nonces) if (forgetAt <= now) nonces.delete(n);
  nonces.set(nonce, (Number(timestamp) + timestampSkewSeconds) * 1000 + 1000);
  return null;
}
