import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { listenSources } from "../../db/schema/index.ts";

export type PollOutcome = {
  /** The cursor for the next poll, and a page token with the since_id it leads to when pages were left unread. */
  sinceId: string | null;
  resumeToken: string | null;
  pendingSinceId: string | null;
  /** Posts X returned (billed), and when the source polls next. */
  reads: number;
  nextPollAt: Date;
  account?: { id: string; username: string };
};

/** The UTC day a read is counted on: LISTEN_DAILY_READS is a budget per day. */
export function readsDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Ends a poll that completed: moves the cursor, counts the reads against the
 * day's budget, sets the next poll and lets go of the lease. Runs in the
 * transaction that stored the posts, so the cursor moves only with them.
 * False when the lease was lost meanwhile (another process took the source
 * over): the cursor is then that process's to move.
 *
 * @example await completePoll(tx, "candor-ab12", "mentions", now, outcome)
 */
export async function completePoll(
  tx: Queryable,
  owner: string,
  source: string,
  now: Date,
  outcome: PollOutcome,
): Promise<boolean> {
  const day = readsDay(now);
  const rows = await tx
    .update(listenSources)
    .set({
      sinceId: outcome.sinceId,
      resumeToken: outcome.resumeToken,
      pendingSinceId: outcome.pendingSinceId,
      readsToday: sql`case when ${listenSources.readsDay} = ${day} then ${listenSources.readsToday} + ${outcome.reads} else ${outcome.reads} end`,
      readsDay: day,
      nextPollAt: outcome.nextPollAt,
      lastPolledAt: now,
      failures: 0,
      leaseOwner: null,
      leaseUntil: null,
      ...(outcome.account ? { accountId: outcome.account.id, accountUsername: outcome.account.username } : {}),
    })
    .where(and(eq(listenSources.source, source), eq(listenSources.leaseOwner, owner)))
    .returning({ source: listenSources.source });
  return rows.length > 0;
}
