import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import type { OutboxRow } from "./shared.ts";

/**
 * Gives a dead row a fresh set of attempts, due now: a person decided the
 * cause is fixed. Only a dead row may be retried, so a row being delivered
 * or already done is never sent twice.
 */
export async function retryDead(db: Db, id: number, now: Date): Promise<OutboxRow> {
  const [row] = await db
    .update(outbox)
    .set({ state: "pending", attempts: 0, runAt: now, lockedAt: null, lockedBy: null })
    .where(and(eq(outbox.id, id), eq(outbox.state, "dead")))
    .returning();
  if (row) return row;
  const [exists] = await db.select({ state: outbox.state }).from(outbox).where(eq(outbox.id, id));
  if (!exists) throw AppError.notFound("delivery", String(id));
  throw AppError.conflict(`delivery ${id} is ${exists.state}; only dead deliveries can be retried`);
}
