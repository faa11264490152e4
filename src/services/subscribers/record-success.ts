import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { subscribers } from "../../db/schema/index.ts";

/** A delivery went through: the recipient's run of failures is over. */
export async function recordRecipientSuccess(db: Db, subscriberId: string, now: Date): Promise<void> {
  await db
    .update(subscribers)
    .set({ failures: 0, firstFailureAt: null, lastError: null, updatedAt: now })
    .where(and(eq(subscribers.id, subscriberId), gt(subscribers.failures, 0)));
}
