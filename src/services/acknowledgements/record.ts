import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { acknowledgements, heardPosts, listenStops } from "../../db/schema/index.ts";
import { enqueue } from "../../delivery/queue/enqueue.ts";
import { newId } from "../../lib/ids.ts";

export type AckOutcome = { state: "queued"; text: string; variant: number } | { state: "skipped"; reason: string };

/**
 * Writes the one decision for this author and incident: a reply queued on the
 * x-ack channel (with the post marked acknowledged), or a skip and why. The
 * unique index makes it one per author per incident across processes: false
 * when another process decided first, and nothing is written.
 *
 * @example await recordAckDecision(tx, now, { incidentId, authorId, postId }, { state: "skipped", reason: "capped" })
 */
export async function recordAckDecision(
  tx: Queryable,
  now: Date,
  who: { incidentId: string; authorId: string; postId: string },
  outcome: AckOutcome,
): Promise<boolean> {
  const id = newId("ack");
  const inserted = await tx
    .insert(acknowledgements)
    .values({
      id,
      ...who,
      state: outcome.state,
      reason: outcome.state === "skipped" ? outcome.reason : null,
      text: outcome.state === "queued" ? outcome.text : null,
      variant: outcome.state === "queued" ? outcome.variant : null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: acknowledgements.id });
  if (inserted.length === 0) return false;
  if (outcome.state === "queued") {
    const payload = { ackId: id, replyTo: who.postId, text: outcome.text };
    await enqueue(tx, [{ key: `ack:${id}`, channel: "x-ack", topic: "listen.ack", payload, runAt: now }], now, id);
    await tx
      .update(heardPosts)
      .set({ state: "acknowledged", updatedAt: now })
      .where(sql`${heardPosts.id} = ${who.postId} and ${heardPosts.state} = 'new'`);
  }
  return true;
}

/** Remembers that an author said stop: no automatic reply to them again, in any incident. */
export async function recordStop(tx: Queryable, authorId: string, postId: string, now: Date): Promise<void> {
  await tx.insert(listenStops).values({ authorId, postId, saidAt: now }).onConflictDoNothing();
}

/** The X channel's answer for a queued reply: sent (with its id), or skipped for good (X's 403 "not mentioned"). */
export async function settleAck(
  tx: Queryable,
  ackId: string,
  result: { replyId: string | null } | { skipped: string },
  now: Date,
): Promise<void> {
  await tx
    .update(acknowledgements)
    .set(
      "skipped" in result
        ? { state: "skipped", reason: result.skipped }
        : { state: "sent", replyId: result.replyId, sentAt: now },
    )
    .where(eq(acknowledgements.id, ackId));
}
