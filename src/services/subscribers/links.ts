import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Subscriber } from "../../db/models.ts";
import { subscribers } from "../../db/schema/index.ts";
import { signToken, type TokenPurpose, verifyToken } from "../../lib/tokens.ts";
import type { ServiceContext } from "../context.ts";
import { signingKey } from "../signing-key.ts";
import { confirmTokenTtlMs, unsubscribeTokenTtlMs } from "./rules.ts";

/**
 * A signed link for `subscriber` (confirm or unsubscribe) under PUBLIC_URL.
 * Signed and expiring, so a link proves who asked without a stored token.
 */
export async function subscriberLink(
  db: Db,
  publicUrl: string,
  subscriberId: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<string> {
  const ttl = purpose === "confirm" ? confirmTokenTtlMs : unsubscribeTokenTtlMs;
  const token = await signToken(await signingKey(db), {
    sub: subscriberId,
    purpose,
    exp: Math.floor((now.getTime() + ttl) / 1000),
  });
  const path = purpose === "confirm" ? "subscribe/confirm" : "unsubscribe";
  return `${publicUrl}/${path}/${token}`;
}

/** The subscriber a link's token names, or why the link does not work: subscriberLink's inverse. */
export async function subscriberFromToken(
  ctx: ServiceContext,
  token: string,
  purpose: TokenPurpose,
): Promise<{ subscriber: Subscriber } | { outcome: "expired" | "invalid" }> {
  const checked = await verifyToken(await signingKey(ctx.db), token, purpose, ctx.clock());
  if (!checked.ok) return { outcome: checked.reason };
  const [subscriber] = await ctx.db.select().from(subscribers).where(eq(subscribers.id, checked.payload.sub));
  if (!subscriber) return { outcome: "invalid" };
  return { subscriber };
}
