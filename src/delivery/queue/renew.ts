import type { Db } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";
import { heldBy, type OutboxRow } from "./shared.ts";

/**
 * Extends a held claim's lease from `now`, so a long delivery (a fan-out)
 * keeps its row while it works; false when the row is no longer ours.
 */
export async function renewClaim(db: Db, row: OutboxRow, now: Date): Promise<boolean> {
  const renewed = await db.update(outbox).set({ lockedAt: now }).where(heldBy(row)).returning({ id: outbox.id });
  return renewed.length > 0;
}
