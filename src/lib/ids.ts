const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * A short random id with a readable prefix, such as `inc_4k2x9v7m1q3r8t5w`.
 * 16 base32 characters carry 80 random bits: collisions are not a concern.
 *
 * @example newId("inc") // "inc_…"
 */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let out = "";
  for (const b of bytes) out += alphabet[b & 31];
  return `${prefix}_${out}`;
}
