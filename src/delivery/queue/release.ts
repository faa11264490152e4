import type { Db } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";
import { heldBy, type OutboxRow } from "./shared.ts";

/**
 * Gives a claimed row back, due at once and with this attempt not counted:
 * its delivery stopped at a pass's time limit (Workers), not on a failure,
 * and the next pass resumes it from its delivery records.
 */
export async function releaseRow(db: Db, row: OutboxRow, now: Date): Promise<boolean> {
  const released = await db
    .update(outbox)
    .set({ attempts: row.attempts - 1, runAt: now, lockedAt: null, lockedBy: null })
    .where(heldBy(row))
    .returning({ id: outbox.id });
  return released.length > 0;
}
