import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { subscribers } from "../../db/schema/index.ts";

/**
 * A receiver answered 410 Gone (or a chat platform said the channel or
 * webhook is gone): it asked to hear no more, as an unsubscribe.
 */
export async function unsubscribeGoneWebhook(db: Db, subscriberId: string, now: Date): Promise<void> {
  await db
    .update(subscribers)
    .set({ state: "unsubscribed", unsubscribedAt: now, updatedAt: now })
    .where(
      and(
        eq(subscribers.id, subscriberId),
        inArray(subscribers.type, ["webhook", "chat"]),
        eq(subscribers.state, "active"),
      ),
    );
}
