import { describeDuration, lateGraceMs } from "../../domain/promises.ts";

/**
 * How late an automatic update is, in words, or null within the grace period:
 * a few seconds of scheduling jitter is not worth an apology.
 */
export const lateText = (lateByMs: number): string | null =>
  lateByMs > lateGraceMs ? describeDuration(lateByMs) : null;
