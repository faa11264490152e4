import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";

/** One job for the dispatcher: a channel's copy of an update, or a channel's own job (a confirmation email). */
export type OutboxJob = {
  /** Unique per job: a second enqueue of the same key is a database error, so nothing is sent twice. */
  key: string;
  channel: string;
  /** "update" (the default) carries `updateId`; any other topic is the channel's own job. */
  topic?: string;
  updateId?: string | null;
  payload: Record<string, unknown>;
  runAt: Date;
};

/**
 * The only writer of outbox rows. Call it inside the transaction that writes
 * what the rows carry, so both commit or neither does; once it commits, the
 * NOTIFY wakes every process's engine (`wakeKey` only labels the wake-up).
 *
 * @example
 * await enqueue(tx, [{ key: `${updateId}:email`, channel: "email", updateId, payload, runAt: now }], now, incidentId);
 */
export async function enqueue(tx: Queryable, jobs: readonly OutboxJob[], now: Date, wakeKey: string): Promise<void> {
  if (jobs.length) {
    await tx.insert(outbox).values(
      jobs.map((j) => ({
        key: j.key,
        channel: j.channel,
        topic: j.topic ?? "update",
        updateId: j.updateId ?? null,
        payload: j.payload,
        runAt: j.runAt,
        createdAt: now,
      })),
    );
  }
  await tx.execute(sql`select pg_notify('candor_outbox', ${wakeKey})`);
}
