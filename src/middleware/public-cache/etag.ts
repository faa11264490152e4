/**
 * True when If-None-Match names this ETag (weak comparison, as GET allows) or is "*".
 *
 * @example matchesEtag('"abc", W/"def"', 'W/"def"') // true
 */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/**
 * A weak ETag from the body's content: the same bytes always get the same
 * tag, whichever process rendered them.
 *
 * @example await etagOf(bytes) // 'W/"3f2a…"' (24 hex digits)
 */
export async function etagOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", bytes as BufferSource));
  let hex = "";
  for (const b of digest.subarray(0, 12)) hex += b.toString(16).padStart(2, "0");
  return `W/"${hex}"`;
}
