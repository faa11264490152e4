import type { ServiceContext } from "../context.ts";
import { type RateDecision, takeRateLimit } from "../rate-limits.ts";

/** Per client address: generous for people behind one NAT, tight for a script. */
const perAddress = { limit: 10, windowMs: 10 * 60_000 };

/**
 * Counts one use of the subscribe form by `clientKey` (the client's address).
 * Counted in the database: every process and Workers isolate shares the limit.
 *
 * @example const { allowed, retryAfterSeconds } = await takeSubscribeLimit(ctx, "203.0.113.7")
 */
export function takeSubscribeLimit(ctx: ServiceContext, clientKey: string): Promise<RateDecision> {
  return takeRateLimit(ctx.db, `subscribe:${clientKey}`, ctx.clock(), perAddress);
}
