import { eq } from "drizzle-orm";
import type { OutboundUpdate } from "../channels/types.ts";
import type { Db } from "../db/client.ts";
import { incidents, incidentUpdates } from "../db/schema/index.ts";
import type { OutboxRow } from "./queue/shared.ts";

/**
 * The update an outbox row carries, shaped for a channel: the row's payload
 * holds the words rendered when it was queued, the update what they are about.
 * Null when the update no longer exists.
 */
export async function loadOutbound(db: Db, row: OutboxRow, publicUrl: string): Promise<OutboundUpdate | null> {
  if (!row.updateId) return null;
  const [loaded] = await db
    .select({ update: incidentUpdates, title: incidents.title })
    .from(incidentUpdates)
    .innerJoin(incidents, eq(incidents.id, incidentUpdates.incidentId))
    .where(eq(incidentUpdates.id, row.updateId));
  if (!loaded) return null;
  const { update } = loaded;
  return {
    updateId: update.id,
    incidentId: update.incidentId,
    incidentTitle: loaded.title,
    incidentUrl: `${publicUrl}/incidents/${update.incidentId}`,
    seq: update.seq,
    kind: update.kind,
    status: update.status,
    impact: update.impact,
    text: String(row.payload.text ?? update.body),
    message: String(row.payload.message ?? update.body),
    promise: String(row.payload.promise ?? ""),
    customTweet: update.tweet,
    createdAt: update.createdAt,
  };
}
