/**
 * Signed, expiring tokens for links in emails (confirm, unsubscribe):
 * base64url(JSON payload) "." base64url(HMAC-SHA256). Web Crypto only, so
 * Node and Workers sign and check them alike. Nothing secret is inside: the
 * signature makes them unforgeable, `exp` makes them expire.
 */
export type TokenPurpose = "confirm" | "unsubscribe";
export type TokenPayload = { sub: string; purpose: TokenPurpose; exp: number };

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

// Importing a key costs more than signing with it: keep the last few.
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    if (keys.size >= 8) keys.delete(keys.keys().next().value as string);
    keys.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of `data` under `secret`, synchronously (the Node entry supplies node:crypto's). */
export type SyncHmac = (secret: string, data: string) => Uint8Array;
let syncHmac: SyncHmac | undefined;

/**
 * Lets a runtime with a synchronous HMAC (Node) sign without Web Crypto's
 * per-call promise and thread-pool hop: a fan-out signs one unsubscribe link
 * per recipient. Tokens are the same bytes either way.
 */
export function useSyncHmac(hmac: SyncHmac | undefined): void {
  syncHmac = hmac;
}

/** Signs `payload`; `exp` is epoch seconds. */
export async function signToken(secret: string, payload: TokenPayload): Promise<string> {
  const body = toBase64Url(encoder.encode(JSON.stringify(payload)));
  const signature = syncHmac
    ? syncHmac(secret, body)
    : new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(body)));
  return `${body}.${toBase64Url(signature)}`;
}

/**
 * The payload when the signature holds, the purpose matches and `now` is
 * before `exp`; otherwise why not. crypto.subtle.verify compares in constant time.
 */
export async function verifyToken(
  secret: string,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<{ ok: true; payload: TokenPayload } | { ok: false; reason: "invalid" | "expired" }> {
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined) return { ok: false, reason: "invalid" };
  const signature = fromBase64Url(sig);
  if (!signature) return { ok: false, reason: "invalid" };
  const valid = await crypto.subtle.verify("HMAC", await hmacKey(secret), signature, encoder.encode(body));
  if (!valid) return { ok: false, reason: "invalid" };
  const raw = fromBase64Url(body);
  let payload: TokenPayload;
  try {
    payload = JSON.parse(new TextDecoder().decode(raw ?? new Uint8Array())) as TokenPayload;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (payload.purpose !== purpose || typeof payload.sub !== "string" || typeof payload.exp !== "number") {
    return { ok: false, reason: "invalid" };
  }
  if (now.getTime() >= payload.exp * 1000) return { ok: false, reason: "expired" };
  return { ok: true, payload };
}
