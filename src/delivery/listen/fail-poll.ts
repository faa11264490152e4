import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { listenSources } from "../../db/schema/index.ts";

/**
 * Ends a poll that failed: the cursor stays where the last completed poll
 * left it, the lease goes, and the source polls again at `nextPollAt` (X's
 * rate-limit reset, or the backoff). Counts the failure for the backoff.
 *
 * @example await failPoll(db, "candor-ab12", "search", resetAt)
 */
export async function failPoll(db: Db, owner: string, source: string, nextPollAt: Date): Promise<void> {
  await db
    .update(listenSources)
    .set({ nextPollAt, failures: sql`${listenSources.failures} + 1`, leaseOwner: null, leaseUntil: null })
    .where(and(eq(listenSources.source, source), eq(listenSources.leaseOwner, owner)));
}
