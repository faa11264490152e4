/**
 * Exponential backoff with jitter, as pg-boss does: 2^attempts seconds, capped
 * at an hour, then scaled by a random factor in [0.5, 1) so that many rows
 * failing together do not retry together.
 *
 * @example backoffMs(3, () => 0.5) // 6000 (8 s scaled by 0.75)
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 1000 * 2 ** Math.min(attempts, 12));
  return Math.round(base * (0.5 + random() / 2));
}
