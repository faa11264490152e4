import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { subscribers } from "../../db/schema/index.ts";
import { enqueue } from "../../delivery/queue/enqueue.ts";
import { newId } from "../../lib/ids.ts";
import { type ServiceContext, withTransaction } from "../context.ts";
import { componentIdsFor } from "./component-ids.ts";
import { confirmResendMs, normalizeEmail } from "./rules.ts";

/** What the public form sends: an address and, optionally, the slugs of the components to hear about. */
export type SubscriptionRequest = { email: string; components?: string[] };

/** Queues the confirmation email for a pending subscriber (an outbox job of the email channel). */
async function queueConfirmation(tx: Queryable, subscriberId: string, now: Date) {
  const job = { key: `confirm:${subscriberId}:${now.getTime()}`, channel: "email", topic: "email.confirm" };
  await enqueue(tx, [{ ...job, payload: { subscriberId }, runAt: now }], now, subscriberId);
}

/**
 * Someone asked to get emails. The answer is the same whatever the address's
 * state, so the form cannot tell anyone who subscribes: a new or unconfirmed
 * address is sent a confirmation (at most one per address every ten
 * minutes), an active one is left as it is (its components can only be
 * changed by its owner), one that left may come back through confirmation.
 *
 * @example await requestSubscription(ctx, { email: "ops@example.com", components: ["api"] })
 */
export async function requestSubscription(ctx: ServiceContext, input: SubscriptionRequest): Promise<void> {
  const now = ctx.clock();
  const address = normalizeEmail(input.email);
  const queued = await withTransaction(ctx, async (tx) => {
    const componentIds = await componentIdsFor(tx, input.components);
    const [existing] = await tx
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.type, "email"), eq(subscribers.email, address)))
      .for("update");
    if (!existing) {
      const id = newId("sub");
      const inserted = await tx
        .insert(subscribers)
        .values({
          id,
          type: "email",
          email: address,
          state: "pending",
          componentIds,
          confirmRequestedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: subscribers.id });
      if (!inserted.length) return false; // another request for the same address won the race
      await queueConfirmation(tx, id, now);
      return true;
    }
    if (existing.state === "active" || existing.state === "suppressed") return false;
    const recent =
      existing.confirmRequestedAt && now.getTime() - existing.confirmRequestedAt.getTime() < confirmResendMs;
    if (existing.state === "pending" && recent) return false;
    await tx
      .update(subscribers)
      .set({ state: "pending", componentIds, confirmRequestedAt: now, unsubscribedAt: null, updatedAt: now })
      .where(eq(subscribers.id, existing.id));
    await queueConfirmation(tx, existing.id, now);
    return true;
  });
  if (queued) ctx.afterCommit?.();
}
