import type { Db } from "../../db/client.ts";
import { outbox } from "../../db/schema/index.ts";
import { backoffMs } from "../backoff.ts";
import { heldBy, type OutboxRow, type OutboxState, unhealthyRetryMs } from "./shared.ts";

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
): Promise<{ state: OutboxState | "lost"; runAt: Date }> {
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
  if (!settled.length) return { state: "lost", runAt };
  return { state: dead ? "dead" : "pending", runAt };
}
