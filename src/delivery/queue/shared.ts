import { and, eq, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { outbox } from "../../db/schema/index.ts";

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxState = "pending" | "done" | "dead";

/**
 * A claim made without a session lock (a Workers pass) is claimable again
 * this long after its last renewal, in case its worker vanished.
 */
export const leaseMs = 60_000;

/**
 * Claims whose `locked_by` starts with this are tied to the claimer's
 * database session (ADR 0014): it holds the advisory lock
 * (claimLockClass, hashtext(locked_by)) for as long as it lives, and the
 * claim stands exactly as long as that lock does, however slow the claimer.
 */
export const sessionClaimPrefix = "session:";

/** The first key of every claim lock (migrations use 7263011). */
export const claimLockClass = 7263012;

/** While another live session holds rows, how often an idle engine looks whether it died. */
export const takeoverCheckMs = 2000;

/** True when the row's claim is tied to a session lock rather than to a lease. */
function sessionTied(): SQL {
  return sql`${outbox.lockedBy} like ${`${sessionClaimPrefix}%`}`;
}

/** True while the session that made the row's session-tied claim still holds its lock (it is alive). */
export function claimerAlive(): SQL {
  return sql`hashtext(${outbox.lockedBy})::oid in (select objid from pg_locks
    where locktype = 'advisory' and granted and classid = ${claimLockClass} and objsubid = 2
      and database = (select oid from pg_database where datname = current_database()))`;
}

/**
 * True when a pending row may be claimed at `now` by `workerId` as far as
 * claims go: no one holds it, its session-tied claimer is gone (crash,
 * kill -9: Postgres drops the lock with the socket), its lease-only claim has
 * run out, or `workerId` itself holds it. A worker claims one batch at a time
 * and settles it before the next, so a row it still holds when it claims
 * again is one it failed to settle (the database went away mid-delivery).
 */
export function claimable(now: Date, workerId: string): SQL {
  return or(
    isNull(outbox.lockedAt),
    eq(outbox.lockedBy, workerId),
    and(sessionTied(), sql`not ${claimerAlive()}`),
    and(sql`not ${sessionTied()}`, lt(outbox.lockedAt, new Date(now.getTime() - leaseMs))),
  ) as SQL;
}

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
