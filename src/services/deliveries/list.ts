import { desc, eq, getTableColumns } from "drizzle-orm";
import { incidentUpdates, outbox } from "../../db/schema/index.ts";
import type { OutboxRow, OutboxState } from "../../delivery/queue/index.ts";
import type { ServiceContext } from "../context.ts";

/** An outbox row as people see it: with the incident and kind of the update it carries. */
export type DeliveryListItem = OutboxRow & { incidentId: string | null; kind: string | null };

/** The query both listing and fetching one delivery share, so they show the same fields. */
export function selectDeliveries(ctx: ServiceContext) {
  return ctx.db
    .select({
      ...getTableColumns(outbox),
      incidentId: incidentUpdates.incidentId,
      kind: incidentUpdates.kind,
    })
    .from(outbox)
    .leftJoin(incidentUpdates, eq(incidentUpdates.id, outbox.updateId));
}

/**
 * Outbox rows as deliveries, newest first: what went out, what waits, what is
 * dead and why.
 *
 * @example
 * const dead = await listDeliveries(ctx, { state: "dead", limit: 100 });
 */
export function listDeliveries(
  ctx: ServiceContext,
  input: { state?: OutboxState; limit: number },
): Promise<DeliveryListItem[]> {
  return selectDeliveries(ctx)
    .where(input.state ? eq(outbox.state, input.state) : undefined)
    .orderBy(desc(outbox.id))
    .limit(input.limit);
}
