import { eq } from "drizzle-orm";
import { subscribers } from "../../db/schema/index.ts";
import type { ServiceContext } from "../context.ts";
import { subscriberFromToken } from "./links.ts";
import type { TokenOutcome } from "./types.ts";

/**
 * The unsubscribe link (and RFC 8058 one-click POST): no more emails. The
 * row is kept, so the address can come back through confirmation.
 */
export async function unsubscribe(ctx: ServiceContext, token: string): Promise<TokenOutcome> {
  const found = await subscriberFromToken(ctx, token, "unsubscribe");
  if (!("subscriber" in found)) return found.outcome;
  if (found.subscriber.state === "unsubscribed") return "already";
  const now = ctx.clock();
  await ctx.db
    .update(subscribers)
    .set({ state: "unsubscribed", unsubscribedAt: now, updatedAt: now })
    .where(eq(subscribers.id, found.subscriber.id));
  return "done";
}
