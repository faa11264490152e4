import type { Queryable } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";
import { notSentYet } from "./revise-pending.ts";

/** What a withdrawn row says in GET /api/v1/deliveries. */
export const withdrawnReason = "withdrawn: the update was hidden before it went out";

/**
 * Settles an update's rows that have not gone out (pending, or dead) as done
 * without sending, when the update is hidden: what should never have been
 * public is not sent later, a dead row can no longer be retried, and an X
 * thread's later posts stop waiting for it. A fan-out under way stops at its
 * next batch (its claim renewal finds the row settled). Returns the channels.
 *
 * @example await withdrawPending(tx, updateId, now) // ["twitter"]
 */
export async function withdrawPending(tx: Queryable, updateId: string, now: Date): Promise<string[]> {
  const rows = await tx
    .update(outbox)
    .set({ state: "done", completedAt: now, lockedAt: null, lockedBy: null, lastError: withdrawnReason })
    .where(notSentYet(updateId))
    .returning({ channel: outbox.channel });
  return rows.map((r) => r.channel).sort();
}
