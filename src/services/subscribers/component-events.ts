import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { ComponentEventSource, Recipient } from "../../channels/types.ts";
import type { Db } from "../../db/client.ts";
import {
  componentEventDeliveries,
  componentEvents,
  components,
  incidents,
  subscribers,
} from "../../db/schema/index.ts";
import type { ComponentStatus, Impact } from "../../domain/components.ts";
import { pageStatus } from "../../render/statuspage/page-status.ts";

/**
 * The next webhooks that should get a component event and have not yet:
 * active, confirmed by the time of the change, having chosen component
 * events, and following every component or this one. As in
 * pendingRecipients, who already has it is a second lookup of the batch's ids.
 */
async function pendingForEvent(
  db: Db,
  event: { id: string; componentId: string; createdAt: Date },
  afterId: string | null,
  limit: number,
): Promise<Recipient[]> {
  let after = afterId;
  for (;;) {
    const candidates = await db
      .select({
        id: subscribers.id,
        email: subscribers.email,
        url: subscribers.url,
        secret: subscribers.secret,
        failures: subscribers.failures,
        componentIds: subscribers.componentIds,
      })
      .from(subscribers)
      .where(
        and(
          eq(subscribers.type, "webhook"),
          eq(subscribers.state, "active"),
          sql`${subscribers.confirmedAt} <= ${event.createdAt.toISOString()}::timestamptz`,
          sql`'component' = any(${subscribers.events})`,
          sql`(cardinality(${subscribers.componentIds}) = 0 or ${event.componentId} = any(${subscribers.componentIds}))`,
          after ? gt(subscribers.id, after) : undefined,
        ),
      )
      .orderBy(asc(subscribers.id))
      .limit(limit);
    if (!candidates.length) return [];
    const reached = await db
      .select({ id: componentEventDeliveries.subscriberId })
      .from(componentEventDeliveries)
      .where(
        and(
          eq(componentEventDeliveries.eventId, event.id),
          inArray(
            componentEventDeliveries.subscriberId,
            candidates.map((c) => c.id),
          ),
        ),
      );
    const done = new Set(reached.map((r) => r.id));
    const left = candidates.filter((c) => !done.has(c.id));
    // A whole batch already reached (a fan-out resumed after a retry): read on.
    if (left.length || candidates.length < limit) return left;
    after = candidates[candidates.length - 1].id;
  }
}

/**
 * The database behind the webhook channel's component.update job (issue 18).
 * The entry builds it, so the channel reaches events and subscribers without
 * knowing the database.
 */
export function componentEventSource(db: Db): ComponentEventSource {
  return {
    async load(eventId) {
      const [row] = await db
        .select({ event: componentEvents, component: components })
        .from(componentEvents)
        .innerJoin(components, eq(components.id, componentEvents.componentId))
        .where(eq(componentEvents.id, eventId));
      if (!row) return null;
      const { event, component } = row;
      return {
        id: event.id,
        previousStatus: event.previousStatus,
        status: event.status,
        createdAt: event.createdAt,
        component: { id: component.id, name: component.name, status: component.status, createdAt: component.createdAt },
      };
    },
    async pageIndicator() {
      const [live, open] = await Promise.all([
        db.select({ status: components.status }).from(components).where(isNull(components.deletedAt)),
        db
          .select({ impact: incidents.impact })
          .from(incidents)
          .where(and(eq(incidents.kind, "incident"), isNull(incidents.resolvedAt))),
      ]);
      return pageStatus(
        live.map((c) => c.status as ComponentStatus),
        open.map((i) => i.impact as Impact),
      ).indicator;
    },
    pending: (event, afterId, limit) => pendingForEvent(db, event, afterId, limit),
    async delivered(eventId, subscriberId, status, now) {
      await db
        .insert(componentEventDeliveries)
        .values({ eventId, subscriberId, status, deliveredAt: now })
        .onConflictDoNothing();
    },
  };
}
