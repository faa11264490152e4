import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";

/** An update's rows that have not gone out: pending, or dead (a person may still retry them). */
export const notSentYet = (updateId: string) =>
  and(eq(outbox.updateId, updateId), eq(outbox.topic, "update"), inArray(outbox.state, ["pending", "dead"]));

/**
 * Gives an update's rows that have not gone out yet its corrected words, so
 * a channel still to send it sends the correction. A delivery already under
 * way keeps the words it started with; its next attempt, or its next batch
 * after a hand-back, takes the new ones. Returns the channels whose rows were
 * revised. Call it in the transaction that corrects the update.
 *
 * @example await revisePending(tx, updateId, { text, message, promise }) // ["email"]
 */
export async function revisePending(
  tx: Queryable,
  updateId: string,
  payload: Record<string, unknown>,
): Promise<string[]> {
  const rows = await tx
    .update(outbox)
    .set({ payload })
    .where(notSentYet(updateId))
    .returning({ channel: outbox.channel });
  return rows.map((r) => r.channel).sort();
}
