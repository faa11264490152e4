import { count, eq, min } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";

export type OutboxCounts = {
  /** Rows per channel and state (pending, done, dead). */
  rows: { channel: string; state: string; count: number }[];
  /** When the oldest row still pending was enqueued, or null when none is. */
  oldestPendingAt: Date | null;
};

/** The outbox by channel and state (as /readyz counts it, one row per pair), and its oldest pending row. */
export async function outboxCounts(tx: Queryable): Promise<OutboxCounts> {
  const rows = await tx
    .select({ channel: outbox.channel, state: outbox.state, count: count() })
    .from(outbox)
    .groupBy(outbox.channel, outbox.state)
    .orderBy(outbox.channel, outbox.state)
    // Channels are the few this deployment configured: the limit only guards the answer's size.
    .limit(200);
  const [oldest] = await tx
    .select({ at: min(outbox.createdAt) })
    .from(outbox)
    .where(eq(outbox.state, "pending"));
  return { rows, oldestPendingAt: oldest?.at ?? null };
}
