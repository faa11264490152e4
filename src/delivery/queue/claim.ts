import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";
import { claimable, notWaitingOnEarlier, type OutboxRow } from "./shared.ts";

/**
 * Claims up to `limit` due rows for `workerId`: the graphile-worker pattern.
 * SKIP LOCKED lets several processes claim side by side without waiting on
 * or double-claiming each other's rows. On `ordered` channels a row waits
 * until the incident's earlier updates have left. A `workerId` starting with
 * `sessionClaimPrefix` ties the claims to that worker's session lock (its
 * holder must hold it); any other id makes them leases.
 *
 * @example
 * const rows = await claimDue(db, "candor-ab12", now, 20, ["twitter"]);
 */
export async function claimDue(
  db: Db,
  workerId: string,
  now: Date,
  limit: number,
  ordered: readonly string[] = [],
): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.state, "pending"),
          lte(outbox.runAt, now),
          claimable(now, workerId),
          notWaitingOnEarlier(ordered),
        ),
      )
      .orderBy(asc(outbox.runAt), asc(outbox.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(outbox)
      .set({ lockedAt: now, lockedBy: workerId, attempts: sql`${outbox.attempts} + 1` })
      .where(
        inArray(
          outbox.id,
          due.map((r) => r.id),
        ),
      )
      .returning();
  });
}
