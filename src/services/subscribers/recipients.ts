import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Recipient } from "../../channels/types.ts";
import type { Db } from "../../db/client.ts";
import { deliveries, incidentComponents, subscribers } from "../../db/schema/index.ts";
import type { SubscriberType } from "./types.ts";

/**
 * The next `limit` subscribers of `type` (after `afterId`, in id order) who
 * should get this update and have not yet: active, confirmed before the
 * update was written, and either following every component or one the
 * incident touches (an incident that touches none goes to everyone), and for
 * webhooks, having chosen incident events. Reading
 * in keyset batches keeps memory flat whatever the size of the list.
 *
 * Who already has it is a second, separate lookup of the batch's ids, not a
 * NOT EXISTS in the same query: while a fan-out is writing deliveries their
 * statistics are stale, and the planner then took the update's deliveries
 * as one row and compared every candidate with every delivery (a second per
 * batch at 15,000 delivered, growing with the list). Two index lookups cost
 * the same at any size.
 */
export async function pendingRecipients(
  db: Db,
  update: { id: string; incidentId: string; createdAt: Date },
  channel: string,
  type: SubscriberType,
  afterId: string | null,
  limit: number,
): Promise<Recipient[]> {
  const touched = await db
    .select({ id: incidentComponents.componentId })
    .from(incidentComponents)
    .where(eq(incidentComponents.incidentId, update.incidentId));
  const ids = touched.map((r) => r.id);
  const matchesComponents = ids.length
    ? sql`(cardinality(${subscribers.componentIds}) = 0 or ${subscribers.componentIds} && array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::text[])`
    : undefined;
  let after = afterId;
  for (;;) {
    const candidates = await db
      .select({
        id: subscribers.id,
        email: subscribers.email,
        url: subscribers.url,
        kind: subscribers.kind,
        secret: subscribers.secret,
        failures: subscribers.failures,
        componentIds: subscribers.componentIds,
      })
      .from(subscribers)
      .where(
        and(
          eq(subscribers.type, type),
          eq(subscribers.state, "active"),
          sql`${subscribers.confirmedAt} <= ${update.createdAt.toISOString()}::timestamptz`,
          after ? gt(subscribers.id, after) : undefined,
          matchesComponents,
          // Webhooks choose their events (issue 18); only those that chose incidents get updates.
          type === "webhook" ? sql`'incident' = any(${subscribers.events})` : undefined,
        ),
      )
      .orderBy(asc(subscribers.id))
      .limit(limit);
    if (!candidates.length) return [];
    const reached = await db
      .select({ recipient: deliveries.recipient })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.updateId, update.id),
          eq(deliveries.channel, channel),
          inArray(
            deliveries.recipient,
            candidates.map((c) => c.id),
          ),
        ),
      );
    if (!reached.length) return candidates;
    const done = new Set(reached.map((r) => r.recipient));
    const left = candidates.filter((c) => !done.has(c.id));
    // A whole batch already reached (a fan-out resumed after a crash): read on.
    if (left.length || candidates.length < limit) return left;
    after = candidates[candidates.length - 1].id;
  }
}
