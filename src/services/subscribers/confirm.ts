import { and, eq } from "drizzle-orm";
import { subscribers } from "../../db/schema/index.ts";
import type { ServiceContext } from "../context.ts";
import { subscriberFromToken } from "./links.ts";
import type { TokenOutcome } from "./types.ts";

/**
 * The link in the confirmation email (or chat message): pending becomes
 * active. Only the address's owner (the channel's readers) gets it, so only
 * they can start the updates. `type` (email or chat) lets the page word it.
 */
export async function confirmSubscription(
  ctx: ServiceContext,
  token: string,
): Promise<{ outcome: TokenOutcome; type: string | null }> {
  const found = await subscriberFromToken(ctx, token, "confirm");
  if (!("subscriber" in found)) return { outcome: found.outcome, type: null };
  const now = ctx.clock();
  const confirmed = await ctx.db
    .update(subscribers)
    .set({ state: "active", confirmedAt: now, updatedAt: now })
    .where(and(eq(subscribers.id, found.subscriber.id), eq(subscribers.state, "pending")))
    .returning({ id: subscribers.id });
  const outcome = confirmed.length ? "done" : found.subscriber.state === "active" ? "already" : "invalid";
  return { outcome, type: found.subscriber.type };
}
