import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";
import { leaseMs, notWaitingOnEarlier } from "./shared.ts";

/**
 * When the next pending row can be claimed, so the dispatcher can sleep until
 * then. A row another worker holds is not claimable before its lease ends, so
 * it counts from then (otherwise the loop would spin while the other delivers).
 */
export async function nextRunAt(db: Db, ordered: readonly string[] = []): Promise<Date | null> {
  const lease = sql.raw(`interval '${leaseMs} milliseconds'`);
  const [row] = await db
    .select({
      at: sql<string | Date | null>`min(case when ${outbox.lockedAt} is null then ${outbox.runAt}
        else greatest(${outbox.runAt}, ${outbox.lockedAt} + ${lease}) end)`,
    })
    .from(outbox)
    // A row waiting on an earlier one is not due before that one is done,
    // and finishing it wakes the engine.
    .where(and(eq(outbox.state, "pending"), notWaitingOnEarlier(ordered)));
  return row?.at ? new Date(row.at) : null;
}
