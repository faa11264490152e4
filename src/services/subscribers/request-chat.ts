import { and, eq } from "drizzle-orm";
import { chatConfirmJob } from "../../channels/types.ts";
import type { Queryable } from "../../db/client.ts";
import { subscribers } from "../../db/schema/index.ts";
import { enqueue } from "../../delivery/queue/enqueue.ts";
import { newId } from "../../lib/ids.ts";
import type { ChatKind } from "../../render/chat/index.ts";
import { type ServiceContext, withTransaction } from "../context.ts";
import { componentIdsFor } from "./component-ids.ts";
import { confirmResendMs } from "./rules.ts";
import { checkWebhookUrl } from "./webhook-address.ts";

/** What the status page's chat form sends: the platform, the channel's incoming webhook URL, and components. */
export type ChatSubscriptionRequest = { kind: ChatKind; url: string; components?: string[] };

/** Queues the confirmation message for a pending chat subscriber (an outbox job of the chat channel). */
async function queueConfirmation(tx: Queryable, subscriberId: string, now: Date) {
  const job = { key: `confirm:${subscriberId}:${now.getTime()}`, ...chatConfirmJob };
  await enqueue(tx, [{ ...job, payload: { subscriberId }, runAt: now }], now, subscriberId);
}

/**
 * Someone asked, from the status page, for updates in a chat channel. As for
 * email, only whoever reads the channel can confirm: a pending subscriber is
 * written and a message with a signed, expiring confirm link is posted into
 * the channel (chat.confirm). The answer is the same whatever the URL's
 * state, so the form tells nobody which channels subscribe; at most one
 * confirmation per URL every ten minutes, however often it is asked. A URL
 * that points at a private address is a 400 naming `url`, as for webhooks.
 *
 * @example await requestChatSubscription(ctx, { kind: "slack", url: "https://hooks.slack.com/services/…" })
 */
export async function requestChatSubscription(ctx: ServiceContext, input: ChatSubscriptionRequest): Promise<void> {
  const now = ctx.clock();
  const url = await checkWebhookUrl(ctx, input.url);
  const queued = await withTransaction(ctx, async (tx) => {
    const componentIds = await componentIdsFor(tx, input.components);
    const [existing] = await tx
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.type, "chat"), eq(subscribers.url, url)))
      .for("update");
    if (!existing) {
      const id = newId("sub");
      await tx.insert(subscribers).values({
        id,
        type: "chat",
        kind: input.kind,
        url,
        state: "pending",
        componentIds,
        confirmRequestedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      await queueConfirmation(tx, id, now);
      return true;
    }
    // Active: its components change only through its own confirmation. Quarantined: an administrator looks first.
    if (existing.state === "active" || existing.state === "quarantined") return false;
    const recent =
      existing.confirmRequestedAt && now.getTime() - existing.confirmRequestedAt.getTime() < confirmResendMs;
    if (existing.state === "pending" && recent) return false;
    await tx
      .update(subscribers)
      .set({
        state: "pending",
        kind: input.kind,
        componentIds,
        confirmRequestedAt: now,
        unsubscribedAt: null,
        updatedAt: now,
      })
      .where(eq(subscribers.id, existing.id));
    await queueConfirmation(tx, existing.id, now);
    return true;
  });
  if (queued) ctx.afterCommit?.();
}
