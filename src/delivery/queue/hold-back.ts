import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";

/**
 * When a channel itself is broken (revoked credentials), every row on it would
 * fail the same way: hold them all back so that only the failed row probes
 * the channel when it comes due, and the rest follow once it works.
 */
export async function holdBackChannel(db: Db, channel: string, exceptId: number, until: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ runAt: sql`greatest(${outbox.runAt}, ${until.toISOString()}::timestamptz)` })
    .where(
      and(eq(outbox.channel, channel), eq(outbox.state, "pending"), isNull(outbox.lockedBy), ne(outbox.id, exceptId)),
    );
}
