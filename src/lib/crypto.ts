/** SHA-256 of a string, as lowercase hex (Web Crypto: works on Node and Workers). */
export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Compares two strings in time that depends only on their length, so a caller
 * cannot learn how many leading characters of a secret it guessed right.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  let diff = left.length ^ right.length;
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}

/** A new API key: `cnd_` and 32 base64url characters (192 random bits). */
export function generateApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const b64 = btoa(String.fromCharCode(...bytes));
  return `cnd_${b64.replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "")}`;
}

/** Standard base64 of bytes (btoa: Node and Workers alike). */
export const base64Of = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

/**
 * A webhook secret in the Standard Webhooks form: `whsec_` and the base64 of
 * its UTF-8 bytes. The bytes are the same HMAC key that signs
 * X-Candor-Signature, so one secret serves both, and an off-the-shelf verifier
 * (`new Webhook("whsec_…")`) can take it as is.
 *
 * @example standardWebhooksSecret("ab01") // "whsec_YWIwMQ=="
 */
export const standardWebhooksSecret = (secret: string): string => `whsec_${base64Of(new TextEncoder().encode(secret))}`;
