import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";
import { claimerAlive, leaseMs, notWaitingOnEarlier, sessionClaimPrefix, takeoverCheckMs } from "./shared.ts";

/**
 * When the next pending row can be claimed, so the dispatcher can sleep until
 * then. A row another worker holds is not claimable while it holds it: a
 * lease counts from its end; a live session's claim counts from the next
 * look (takeoverCheckMs), since nothing announces that a process died; a
 * dead session's claim is due at once, and so is one that `self` (this
 * worker's ids) failed to settle.
 */
export async function nextRunAt(
  db: Db,
  now: Date,
  self: readonly string[],
  ordered: readonly string[] = [],
): Promise<Date | null> {
  const lease = sql.raw(`interval '${leaseMs} milliseconds'`);
  const nextLook = new Date(now.getTime() + takeoverCheckMs).toISOString();
  const [row] = await db
    .select({
      at: sql<string | Date | null>`min(case
        when ${outbox.lockedAt} is null or ${inArray(outbox.lockedBy, [...self])} then ${outbox.runAt}
        when ${outbox.lockedBy} like ${`${sessionClaimPrefix}%`} then
          case when ${claimerAlive()} then greatest(${outbox.runAt}, ${nextLook}::timestamptz) else ${outbox.runAt} end
        else greatest(${outbox.runAt}, ${outbox.lockedAt} + ${lease}) end)`,
    })
    .from(outbox)
    // A row waiting on an earlier one is not due before that one is done,
    // and finishing it wakes the engine.
    .where(and(eq(outbox.state, "pending"), notWaitingOnEarlier(ordered)));
  return row?.at ? new Date(row.at) : null;
}
