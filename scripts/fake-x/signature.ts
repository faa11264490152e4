/** RFC 5849's HMAC-SHA1 signature, shared by the fake's check and by tests that forge requests. */
import { createHmac } from "node:crypto";

/** RFC 3986 percent-encoding, as RFC 5849 §3.6 requires (encodeURIComponent leaves !'()* alone). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The RFC 5849 HMAC-SHA1 signature. Exported so tests can forge requests the
 * library would never send (a stale timestamp) and still sign them correctly.
 */
export function oauth1Signature(input: {
  method: string;
  baseUrl: string;
  params: [string, string][];
  consumerSecret: string;
  tokenSecret: string;
}): { signature: string; baseString: string } {
  const normalized = input.params
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const baseString = [input.method.toUpperCase(), percentEncode(input.baseUrl), percentEncode(normalized)].join("&");
  const key = `${percentEncode(input.consumerSecret)}&${percentEncode(input.tokenSecret)}`;
  return { signature: createHmac("sha1", key).update(baseString).digest("base64"), baseString };
}
