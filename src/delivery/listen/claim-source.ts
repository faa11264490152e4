import { and, eq, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { listenSources } from "../../db/schema/index.ts";

export type SourceRow = typeof listenSources.$inferSelect;

/**
 * How long a claimed poll may take before another process may take the
 * source over: every page it may read times out well within it.
 */
export const pollLeaseMs = 120_000;

/**
 * Takes the next due source for `owner` with a lease, in one statement: two
 * processes never poll one source at once, and no transaction stays open
 * while the poll talks to X. A process that dies mid-poll leaves a lease
 * that runs out; its cursor never moved, so the next poll reads it all again.
 *
 * @example const row = await claimSource(db, "candor-ab12", now, ["mentions", "search"]);
 */
export async function claimSource(db: Db, owner: string, now: Date, sources: string[]): Promise<SourceRow | null> {
  const due = db
    .select({ source: listenSources.source })
    .from(listenSources)
    .where(
      and(
        inArray(listenSources.source, sources),
        lte(listenSources.nextPollAt, now),
        or(isNull(listenSources.leaseUntil), lt(listenSources.leaseUntil, now)),
      ),
    )
    .orderBy(listenSources.nextPollAt)
    .limit(1)
    .for("update", { skipLocked: true });
  const [row] = await db
    .update(listenSources)
    .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + pollLeaseMs) })
    .where(eq(listenSources.source, due))
    .returning();
  return row ?? null;
}
