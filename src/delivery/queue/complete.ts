import type { Db } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";
import { heldBy, type OutboxRow } from "./shared.ts";

/** Marks a claimed row done; false when the claim had already been lost, so nothing another worker recorded is overwritten. */
export async function completeRow(db: Db, row: OutboxRow, now: Date): Promise<boolean> {
  const done = await db
    .update(outbox)
    .set({ state: "done", completedAt: now, lockedAt: null, lockedBy: null, lastError: null })
    .where(heldBy(row))
    .returning({ id: outbox.id });
  return done.length > 0;
}
