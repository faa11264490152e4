/**
 * Pagination tokens. X's are opaque base32hex strings; the fake's are too,
 * and carry the id the page stopped at and the direction to go on in, so a
 * token stays good while new posts arrive, as X's do.
 */

export type PageToken = { direction: "next" | "previous"; boundary: bigint };

/** base32hex is BigInt's own radix 32: digits then a to v. */
const digits = "0123456789abcdefghijklmnopqrstuv";

/**
 * @example
 * encodePageToken({ direction: "next", boundary: 1862000000000000000n }); // "37bie8jros000"
 */
export function encodePageToken(token: PageToken): string {
  return (token.boundary * 2n + (token.direction === "previous" ? 1n : 0n)).toString(32);
}

/** The token's meaning, or null for a string the fake never handed out. */
export function decodePageToken(value: string): PageToken | null {
  if (!/^[0-9a-v]{1,26}$/.test(value)) return null;
  let n = 0n;
  for (const c of value) n = n * 32n + BigInt(digits.indexOf(c));
  return { direction: n % 2n === 1n ? "previous" : "next", boundary: n / 2n };
}
