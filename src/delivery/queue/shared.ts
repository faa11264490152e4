import { and, eq, isNull, sql } from "drizzle-orm";
import { outbox } from "../../db/schema/index.ts";

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxState = "pending" | "done" | "dead";

/** A claimed row whose worker vanished (crash, kill -9) is claimable again after this. */
export const leaseMs = 60_000;

/** How long a broken channel (bad credentials) rests before one row probes it again. */
export const unhealthyRetryMs = 60_000;

/**
 * For channels that keep an incident's updates in order (an X thread): true
 * unless an earlier update of the same incident is still pending on the same
 * channel. A dead earlier row does not hold the thread up.
 */
export function notWaitingOnEarlier(ordered: readonly string[]) {
  if (!ordered.length) return undefined;
  return sql`(${outbox.channel} not in (${sql.join(
    ordered.map((c) => sql`${c}`),
    sql`, `,
  )}) or not exists (
    select 1 from outbox earlier
      join incident_updates earlier_update on earlier_update.id = earlier.update_id
      join incident_updates this_update on this_update.id = ${outbox.updateId}
    where earlier.channel = ${outbox.channel} and earlier.state = 'pending'
      and earlier_update.incident_id = this_update.incident_id and earlier_update.seq < this_update.seq))`;
}

/**
 * Only the claim that is still held may settle a row: a worker that outlived
 * its lease must not overwrite what the worker that re-claimed it recorded.
 */
export function heldBy(row: OutboxRow) {
  return and(
    eq(outbox.id, row.id),
    eq(outbox.state, "pending"),
    row.lockedBy === null ? isNull(outbox.lockedBy) : eq(outbox.lockedBy, row.lockedBy),
  );
}
