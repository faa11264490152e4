import { and, eq } from "drizzle-orm";
import { subscribers } from "../../db/schema/index.ts";
import type { ServiceContext } from "../context.ts";
import { subscriberFromToken } from "./links.ts";
import type { TokenOutcome } from "./types.ts";

/**
 * The link in the confirmation email: pending becomes active. Only the
 * address's owner gets that email, so only they can start the emails.
 */
export async function confirmSubscription(ctx: ServiceContext, token: string): Promise<TokenOutcome> {
  const found = await subscriberFromToken(ctx, token, "confirm");
  if (!("subscriber" in found)) return found.outcome;
  const now = ctx.clock();
  const confirmed = await ctx.db
    .update(subscribers)
    .set({ state: "active", confirmedAt: now, updatedAt: now })
    .where(and(eq(subscribers.id, found.subscriber.id), eq(subscribers.state, "pending")))
    .returning({ id: subscribers.id });
  return confirmed.length ? "done" : found.subscriber.state === "active" ? "already" : "invalid";
}
