import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { deliveries, incidents, incidentUpdates } from "../db/schema/index.ts";

/**
 * `key` from the receipt of the latest earlier update of the same incident
 * delivered on `channel`: for X, the last post actually published, which the
 * next reply attaches to.
 */
export async function previousReceipt(
  db: Db,
  update: { incidentId: string; seq: number },
  channel: string,
  key: string,
): Promise<string | null> {
  const [row] = await db
    .select({ value: sql<string>`${deliveries.receipt} ->> ${key}` })
    .from(deliveries)
    .innerJoin(incidentUpdates, eq(incidentUpdates.id, deliveries.updateId))
    .where(
      and(
        eq(deliveries.channel, channel),
        eq(incidentUpdates.incidentId, update.incidentId),
        lt(incidentUpdates.seq, update.seq),
        sql`${deliveries.receipt} ->> ${key} is not null`,
      ),
    )
    .orderBy(desc(incidentUpdates.seq))
    .limit(1);
  return row?.value ?? null;
}

/** Records many recipients of one update at once; those already recorded are left as they are. */
export async function recordDeliveredMany(
  db: Db,
  updateId: string,
  channel: string,
  items: { recipient: string; receipt?: Record<string, unknown> }[],
  now: Date,
): Promise<void> {
  if (!items.length) return;
  // One JSON parameter rather than five per row: a fan-out records 100,000
  // of these, and building a many-row insert value by value was a visible
  // share of its CPU.
  const rows = JSON.stringify(items.map((i) => [i.recipient, i.receipt ?? {}]));
  await db.execute(sql`insert into ${deliveries} (update_id, channel, recipient, receipt, delivered_at)
    select ${updateId}, ${channel}, e->>0, e->1, ${now.toISOString()}::timestamptz
    from jsonb_array_elements(${rows}::jsonb) e
    on conflict do nothing`);
}

/** Whether a recipient already has this update, so a resumed or retried delivery skips it. */
export async function wasDelivered(db: Db, updateId: string, channel: string, recipient: string): Promise<boolean> {
  const [row] = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(eq(deliveries.updateId, updateId), eq(deliveries.channel, channel), eq(deliveries.recipient, recipient)),
    );
  return Boolean(row);
}

/**
 * Records one recipient's receipt, so the update is never sent to them twice.
 * An X post's receipt also shows its id on the update (and the first one is
 * the thread), in the same transaction: recorded apart, a receipt whose second
 * write failed left the update without its post id for good, since the retry
 * finds it delivered. The incident is locked first, in the order an engineer's
 * update takes them (incident, then the earlier update whose promise it
 * settles): the other order deadlocked with a concurrent update.
 */
export async function recordDelivered(
  db: Db,
  delivery: { updateId: string; channel: string; recipient: string; receipt?: Record<string, unknown> },
  now: Date,
): Promise<void> {
  const row = { ...delivery, receipt: delivery.receipt ?? {}, deliveredAt: now };
  const tweetId = delivery.receipt?.tweet_id;
  if (typeof tweetId !== "string") {
    await db.insert(deliveries).values(row).onConflictDoNothing();
    return;
  }
  await db.transaction(async (tx) => {
    const [incident] = await tx
      .select({ id: incidents.id })
      .from(incidents)
      .where(
        eq(
          incidents.id,
          tx
            .select({ id: incidentUpdates.incidentId })
            .from(incidentUpdates)
            .where(eq(incidentUpdates.id, delivery.updateId)),
        ),
      )
      .for("update");
    await tx.insert(deliveries).values(row).onConflictDoNothing();
    await tx.update(incidentUpdates).set({ tweetId }).where(eq(incidentUpdates.id, delivery.updateId));
    if (incident && delivery.receipt?.starts_thread) {
      await tx.update(incidents).set({ twitterThreadRootId: tweetId }).where(eq(incidents.id, incident.id));
    }
  });
}
