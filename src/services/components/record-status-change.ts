import { and, eq, sql } from "drizzle-orm";
import { componentUpdateJob } from "../../channels/types.ts";
import type { Queryable } from "../../db/client.ts";
import { componentEvents, subscribers } from "../../db/schema/index.ts";
import { enqueue } from "../../delivery/queue/enqueue.ts";
import type { ComponentStatus } from "../../domain/components.ts";
import { newId } from "../../lib/ids.ts";

/** Who moved a component: by hand, an incident's update, a maintenance, or a monitoring alert. */
export type StatusChangeCause = "manual" | "incident" | "maintenance" | "alert";

export type StatusChange = {
  componentId: string;
  /** The status before this change, read in the same transaction. */
  previous: ComponentStatus | string;
  status: ComponentStatus;
  cause: StatusChangeCause;
  /** The incident or maintenance whose update made the change. */
  incidentId?: string | null;
  now: Date;
};

/**
 * The one place a component's status change is recorded (issue 18). Every
 * writer of `components.status` calls it in the transaction that writes the
 * status, after or before the write: it writes nothing itself to
 * `components`. When the status really changed it adds a component_events
 * row and, if any active webhook chose component events, one outbox job
 * (component.update) that fans the event out. Returns the event's id, or
 * null when nothing changed; on an id, the verb calls `ctx.afterCommit?.()`
 * once its transaction commits, so the engine wakes for the job at once.
 *
 * @example
 * await recordStatusChange(tx, { componentId: c.id, previous: c.status, status: "major_outage",
 *   cause: "alert", now });
 */
export async function recordStatusChange(tx: Queryable, change: StatusChange): Promise<string | null> {
  if (change.previous === change.status) return null;
  const id = newId("cev");
  const { now } = change;
  await tx.insert(componentEvents).values({
    id,
    componentId: change.componentId,
    previousStatus: change.previous,
    status: change.status,
    cause: change.cause,
    incidentId: change.incidentId ?? null,
    createdAt: now,
  });
  // No job while nobody listens: the outbox (and /deliveries) stays free of
  // jobs that would reach no one. A webhook added later gets later events.
  const [listener] = await tx
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.type, "webhook"),
        eq(subscribers.state, "active"),
        sql`'component' = any(${subscribers.events})`,
        sql`(cardinality(${subscribers.componentIds}) = 0 or ${change.componentId} = any(${subscribers.componentIds}))`,
      ),
    )
    .limit(1);
  if (listener) {
    const job = { ...componentUpdateJob, key: `${id}:webhook`, payload: { eventId: id }, runAt: now };
    await enqueue(tx, [job], now, change.componentId);
  }
  return id;
}
