import { and, asc, count, desc, eq, getTableColumns, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { channelHealth, deliveries, incidents, incidentUpdates, outbox } from "../db/schema/index.ts";
import { AppError } from "../errors.ts";
import { backoffMs } from "./backoff.ts";

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
function notWaitingOnEarlier(ordered: readonly string[]) {
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
 * Claims up to `limit` due rows for `workerId`: the graphile-worker pattern.
 * SKIP LOCKED lets several processes claim side by side without waiting on
 * or double-claiming each other's rows. On `ordered` channels a row waits
 * until the incident's earlier updates have left.
 */
export async function claimDue(
  db: Db,
  workerId: string,
  now: Date,
  limit: number,
  ordered: readonly string[] = [],
): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.state, "pending"),
          lte(outbox.runAt, now),
          or(isNull(outbox.lockedAt), lt(outbox.lockedAt, new Date(now.getTime() - leaseMs))),
          notWaitingOnEarlier(ordered),
        ),
      )
      .orderBy(asc(outbox.runAt), asc(outbox.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(outbox)
      .set({ lockedAt: now, lockedBy: workerId, attempts: sql`${outbox.attempts} + 1` })
      .where(
        inArray(
          outbox.id,
          due.map((r) => r.id),
        ),
      )
      .returning();
  });
}

/**
 * Only the claim that is still held may settle a row: a worker that outlived
 * its lease must not overwrite what the worker that re-claimed it recorded.
 */
function heldBy(row: OutboxRow) {
  return and(
    eq(outbox.id, row.id),
    eq(outbox.state, "pending"),
    row.lockedBy === null ? isNull(outbox.lockedBy) : eq(outbox.lockedBy, row.lockedBy),
  );
}

/** Extends a held claim's lease from `now`; false when the row is no longer ours. */
export async function renewClaim(db: Db, row: OutboxRow, now: Date): Promise<boolean> {
  const renewed = await db.update(outbox).set({ lockedAt: now }).where(heldBy(row)).returning({ id: outbox.id });
  return renewed.length > 0;
}

/** Marks a claimed row done; false when the claim had already been lost. */
export async function completeRow(db: Db, row: OutboxRow, now: Date): Promise<boolean> {
  const done = await db
    .update(outbox)
    .set({ state: "done", completedAt: now, lockedAt: null, lockedBy: null, lastError: null })
    .where(heldBy(row))
    .returning({ id: outbox.id });
  return done.length > 0;
}

/** A retry is never due sooner than this, whatever a far side's reset time says. */
export const minRetryMs = 1000;

export type Failure = { message: string; decision: "retry" | "retry_at" | "unhealthy" | "permanent"; retryAt?: Date };

/**
 * Records a failed attempt. Rate limits and an unhealthy channel do not use up
 * attempts; other failures back off until max_attempts, and then the row is
 * dead: kept, listed and retryable, never dropped.
 */
export async function failRow(
  db: Db,
  row: OutboxRow,
  failure: Failure,
  now: Date,
  random?: () => number,
): Promise<OutboxState | "lost"> {
  const free = failure.decision === "retry_at" || failure.decision === "unhealthy";
  const attempts = free ? row.attempts - 1 : row.attempts;
  const dead = failure.decision === "permanent" || (!free && attempts >= row.maxAttempts);
  const delayMs =
    failure.decision === "retry_at" && failure.retryAt
      ? failure.retryAt.getTime() - now.getTime()
      : failure.decision === "unhealthy"
        ? unhealthyRetryMs
        : backoffMs(attempts, random);
  // A reset time already past (clock skew with the far side) would make the
  // row due again at once, for free, for ever: keep a floor.
  const runAt = new Date(now.getTime() + Math.max(minRetryMs, delayMs));
  const settled = await db
    .update(outbox)
    .set({
      state: dead ? "dead" : "pending",
      attempts,
      runAt,
      lastError: failure.message.slice(0, 2000),
      lockedAt: null,
      lockedBy: null,
    })
    .where(heldBy(row))
    .returning({ id: outbox.id });
  if (!settled.length) return "lost";
  return dead ? "dead" : "pending";
}

/**
 * Gives a claimed row back, due at once and with this attempt not counted:
 * its delivery stopped at a pass's time limit (Workers), not on a failure,
 * and the next pass resumes it from its delivery records.
 */
export async function releaseRow(db: Db, row: OutboxRow, now: Date): Promise<boolean> {
  const released = await db
    .update(outbox)
    .set({ attempts: row.attempts - 1, runAt: now, lockedAt: null, lockedBy: null })
    .where(heldBy(row))
    .returning({ id: outbox.id });
  return released.length > 0;
}

/**
 * When the next pending row can be claimed, so the dispatcher can sleep until
 * then. A row another worker holds is not claimable before its lease ends, so
 * it counts from then (otherwise the loop would spin while the other delivers).
 */
export async function nextRunAt(db: Db, ordered: readonly string[] = []): Promise<Date | null> {
  const lease = sql.raw(`interval '${leaseMs} milliseconds'`);
  const [row] = await db
    .select({
      at: sql<string | Date | null>`min(case when ${outbox.lockedAt} is null then ${outbox.runAt}
        else greatest(${outbox.runAt}, ${outbox.lockedAt} + ${lease}) end)`,
    })
    .from(outbox)
    // A row waiting on an earlier one is not due before that one is done,
    // and finishing it wakes the engine.
    .where(and(eq(outbox.state, "pending"), notWaitingOnEarlier(ordered)));
  return row?.at ? new Date(row.at) : null;
}

/**
 * When a channel itself is broken (revoked credentials), every row on it would
 * fail the same way: hold them all back so that only the failed row probes
 * the channel when it comes due, and the rest follow once it works.
 */
export async function holdBackChannel(db: Db, channel: string, exceptId: number, until: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ runAt: sql`greatest(${outbox.runAt}, ${until.toISOString()}::timestamptz)` })
    .where(
      and(eq(outbox.channel, channel), eq(outbox.state, "pending"), isNull(outbox.lockedBy), ne(outbox.id, exceptId)),
    );
}

export type ChannelHealth = typeof channelHealth.$inferSelect;

/** Records a failed attempt on a channel; `broken` also marks it unhealthy. */
export async function recordChannelError(
  db: Db,
  channel: string,
  message: string,
  broken: boolean,
  now: Date,
): Promise<void> {
  const error = message.slice(0, 2000);
  await db
    .insert(channelHealth)
    .values({ channel, healthy: !broken, lastError: error, lastErrorAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: channelHealth.channel,
      set: {
        lastError: error,
        lastErrorAt: now,
        updatedAt: now,
        ...(broken ? { healthy: false } : {}),
      },
    });
}

/** A delivery went through: a channel marked unhealthy has recovered. */
export async function recordChannelSuccess(db: Db, channel: string, now: Date): Promise<void> {
  await db
    .update(channelHealth)
    .set({ healthy: true, recoveredAt: now, updatedAt: now })
    .where(and(eq(channelHealth.channel, channel), eq(channelHealth.healthy, false)));
}

export type ChannelState = {
  channel: string;
  healthy: boolean;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  recoveredAt: Date | null;
  pending: number;
  dead: number;
};

/** What GET /api/v1/channels shows for each named channel. */
export async function channelStates(db: Db, names: readonly string[]): Promise<ChannelState[]> {
  if (!names.length) return [];
  const health = await db
    .select()
    .from(channelHealth)
    .where(inArray(channelHealth.channel, [...names]));
  const counts = await db
    .select({ channel: outbox.channel, state: outbox.state, n: count() })
    .from(outbox)
    .where(and(inArray(outbox.channel, [...names]), inArray(outbox.state, ["pending", "dead"])))
    .groupBy(outbox.channel, outbox.state);
  return Promise.all(
    names.map(async (channel) => {
      const [last] = await db
        .select({ at: deliveries.deliveredAt })
        .from(deliveries)
        .where(eq(deliveries.channel, channel))
        .orderBy(desc(deliveries.deliveredAt))
        .limit(1);
      const h = health.find((r) => r.channel === channel);
      const n = (state: string) => counts.find((c) => c.channel === channel && c.state === state)?.n ?? 0;
      return {
        channel,
        healthy: h?.healthy ?? true,
        lastSuccessAt: last?.at ?? null,
        lastError: h?.lastError ?? null,
        lastErrorAt: h?.lastErrorAt ?? null,
        recoveredAt: h?.recoveredAt ?? null,
        pending: n("pending"),
        dead: n("dead"),
      };
    }),
  );
}

export async function countByState(db: Db): Promise<Record<OutboxState, number>> {
  const rows = await db.select({ state: outbox.state, n: count() }).from(outbox).groupBy(outbox.state);
  const counts = { pending: 0, done: 0, dead: 0 };
  for (const r of rows) counts[r.state as OutboxState] = r.n;
  return counts;
}

export type DeliveryListItem = OutboxRow & { incidentId: string | null; kind: string | null };

export function listOutbox(db: Db, state: OutboxState | undefined, limit: number): Promise<DeliveryListItem[]> {
  return db
    .select({
      ...getTableColumns(outbox),
      incidentId: incidentUpdates.incidentId,
      kind: incidentUpdates.kind,
    })
    .from(outbox)
    .leftJoin(incidentUpdates, eq(incidentUpdates.id, outbox.updateId))
    .where(state ? eq(outbox.state, state) : undefined)
    .orderBy(desc(outbox.id))
    .limit(limit);
}

/** Gives a dead row a fresh set of attempts, due now. */
export async function retryDead(db: Db, id: number, now: Date): Promise<OutboxRow> {
  const [row] = await db
    .update(outbox)
    .set({ state: "pending", attempts: 0, runAt: now, lockedAt: null, lockedBy: null })
    .where(and(eq(outbox.id, id), eq(outbox.state, "dead")))
    .returning();
  if (row) return row;
  const [exists] = await db.select({ state: outbox.state }).from(outbox).where(eq(outbox.id, id));
  if (!exists) throw AppError.notFound("delivery", String(id));
  throw AppError.conflict(`delivery ${id} is ${exists.state}; only dead deliveries can be retried`);
}

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

/** The update a row carries, with what a channel needs to publish it. */
export async function loadOutbound(db: Db, updateId: string) {
  const [row] = await db
    .select({ update: incidentUpdates, title: incidents.title })
    .from(incidentUpdates)
    .innerJoin(incidents, eq(incidents.id, incidentUpdates.incidentId))
    .where(eq(incidentUpdates.id, updateId));
  return row ?? null;
}

export async function wasDelivered(db: Db, updateId: string, channel: string, recipient: string): Promise<boolean> {
  const [row] = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(eq(deliveries.updateId, updateId), eq(deliveries.channel, channel), eq(deliveries.recipient, recipient)),
    );
  return Boolean(row);
}

export async function recordDelivered(
  db: Db,
  delivery: { updateId: string; channel: string; recipient: string; receipt?: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await db
    .insert(deliveries)
    .values({ ...delivery, receipt: delivery.receipt ?? {}, deliveredAt: now })
    .onConflictDoNothing();
  // An X post's id is shown with the update, and the first one is the thread.
  const tweetId = delivery.receipt?.tweet_id;
  if (typeof tweetId === "string") {
    const [update] = await db
      .update(incidentUpdates)
      .set({ tweetId })
      .where(eq(incidentUpdates.id, delivery.updateId))
      .returning({ incidentId: incidentUpdates.incidentId });
    if (update && delivery.receipt?.starts_thread) {
      await db.update(incidents).set({ twitterThreadRootId: tweetId }).where(eq(incidents.id, update.incidentId));
    }
  }
}
