import type { Channel } from "../channels/types.ts";
import { ChannelError } from "../channels/types.ts";
import type { Db } from "../db/client.ts";
import type { Observe } from "../lib/events.ts";
import { redactUrls } from "../lib/redact.ts";
import { recordChannelError, recordChannelSuccess } from "./health.ts";
import { loadOutbound } from "./outbound.ts";
import {
  completeRow,
  type Failure,
  failRow,
  type OutboxRow,
  releaseRow,
  renewClaim,
  unhealthyRetryMs,
} from "./queue/index.ts";
import { previousReceipt, recordDelivered, recordDeliveredMany, wasDelivered } from "./receipts.ts";

/** Until when the other rows on a channel wait while `probeId` alone tries it again. */
export type HoldBack = { channel: string; probeId: number; until: Date };

export type DeliverRowDeps = {
  db: Db;
  publicUrl: string;
  clock: () => Date;
  channels: ReadonlyMap<string, Channel>;
  /** True once a Workers pass's time limit has come: a fan-out under way stops and hands its row back. */
  pastDeadline: () => boolean;
  /** Told when a failure asks the channel's other rows to wait; the dispatcher applies it after the batch. */
  onHoldBack: (holdBack: HoldBack) => void;
  random?: () => number;
  log: (line: string) => void;
  /** Told each claim, delivery, retry, dead row and channel health change (the log and the metrics). */
  observe: Observe;
};

/**
 * When the channel itself is broken or rate limited, every other row on it
 * would fail the same way: after the batch, they wait, and one row probes.
 */
function holdBackFor(row: OutboxRow, failure: Failure, failedAt: Date): HoldBack | null {
  let until: Date | undefined;
  if (failure.decision === "unhealthy") until = new Date(failedAt.getTime() + unhealthyRetryMs + 1000);
  else if (failure.decision === "retry_at" && failure.retryAt) until = failure.retryAt;
  return until ? { channel: row.channel, probeId: row.id, until } : null;
}

/**
 * Hands one claimed row to its channel and settles it: done, failed (backing
 * off, dead, or holding its channel back), or handed back at a pass's time
 * limit. Never throws for a delivery's own failure; the row records it.
 */
export async function deliverRow(deps: DeliverRowDeps, row: OutboxRow): Promise<void> {
  const { db, clock, log, observe } = deps;
  const now = clock();
  const started = performance.now();
  const ids = { channel: row.channel, rowId: row.id };
  observe({ event: "delivery.claimed", ...ids, topic: row.topic, attempt: row.attempts });
  // Set when a long delivery (a fan-out) stopped because the pass ran out of time.
  let paused = false;
  const channel = deps.channels.get(row.channel);
  if (!channel) {
    await failRow(db, row, { message: `channel ${row.channel} is not configured`, decision: "unhealthy" }, now);
    return;
  }
  const renew = async () => {
    if (deps.pastDeadline()) {
      paused = true;
      return false;
    }
    return renewClaim(db, row, clock());
  };
  try {
    if (row.topic !== "update") {
      if (!channel.runJob) throw new ChannelError(`channel ${row.channel} has no ${row.topic} jobs`, "permanent");
      await channel.runJob(row.topic, row.payload, { now, renewClaim: renew });
      await completeRow(db, row, clock());
      observe({ event: "delivery.delivered", ...ids, ms: Math.round(performance.now() - started) });
      return;
    }
    const outbound = await loadOutbound(db, row, deps.publicUrl);
    if (!outbound) throw new ChannelError(`update ${row.updateId} no longer exists`, "permanent");
    const updateId = outbound.updateId;
    await channel.deliver(outbound, {
      now,
      alreadyDelivered: (recipient) => wasDelivered(db, updateId, row.channel, recipient),
      recordDelivery: (recipient, receipt) =>
        recordDelivered(db, { updateId, channel: row.channel, recipient, receipt }, clock()),
      renewClaim: renew,
      recordDeliveries: (items) => recordDeliveredMany(db, updateId, row.channel, items, clock()),
      previousReceipt: (key) => previousReceipt(db, outbound, row.channel, key),
    });
    await completeRow(db, row, clock());
    observe({ event: "delivery.delivered", ...ids, ms: Math.round(performance.now() - started) });
    if (await recordChannelSuccess(db, row.channel, clock())) {
      observe({ event: "channel.health", channel: row.channel, healthy: true });
    }
  } catch (err) {
    if (paused) {
      // Not a failure: what was sent is recorded, and the next pass picks up from there.
      await releaseRow(db, row, clock());
      observe({ event: "delivery.paused", ...ids });
      return;
    }
    // Stored on the row, shown by the APIs and logged: a library's message may quote a URL with its credentials.
    const message = redactUrls(err instanceof Error ? err.message : String(err));
    const failure: Failure =
      err instanceof ChannelError
        ? { message, decision: err.decision, retryAt: err.retryAt }
        : { message, decision: "retry" };
    const failedAt = clock();
    // A row-level problem (permanent) says nothing about the channel; the rest do.
    const broken = failure.decision !== "permanent" && !(err instanceof ChannelError && err.recipientsOnly);
    const turned = await recordChannelError(db, row.channel, failure.message, broken, failedAt).catch(() => false);
    if (turned) observe({ event: "channel.health", channel: row.channel, healthy: false, reason: failure.message });
    const { state, runAt } = await failRow(db, row, failure, failedAt, deps.random);
    const holdBack = state === "pending" ? holdBackFor(row, failure, failedAt) : null;
    if (holdBack) deps.onHoldBack(holdBack);
    const attempt = row.attempts;
    if (state === "dead") observe({ event: "delivery.dead", ...ids, attempt, reason: failure.message });
    else if (state === "pending") {
      observe({ event: "delivery.retried", ...ids, attempt, reason: failure.message, retryAt: runAt });
    } else log(`delivery ${row.id} (${row.channel}) failed: ${failure.message} [claim lost to another worker]`);
  }
}
