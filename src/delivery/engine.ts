import type { Channel, OutboundUpdate } from "../channels/types.ts";
import { ChannelError } from "../channels/types.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import {
  findDueIncidents,
  findDueMaintenances,
  nextMaintenanceStepAt,
  nextPromiseDueAt,
  postDueAutomaticUpdate,
  runDueMaintenanceStep,
} from "../scheduler/index.ts";
import { type ServiceContext, systemActor } from "../services/context.ts";
import {
  claimDue,
  completeRow,
  type Failure,
  failRow,
  holdBackChannel,
  loadOutbound,
  nextRunAt,
  type OutboxRow,
  previousReceipt,
  recordChannelError,
  recordChannelSuccess,
  recordDelivered,
  recordDeliveredMany,
  releaseRow,
  renewClaim,
  unhealthyRetryMs,
  wasDelivered,
} from "./outbox.ts";

export type EngineOptions = {
  db: Db;
  config: Config;
  clock: () => Date;
  channels: Channel[];
  workerId?: string;
  /** Rows claimed per pass; they are delivered concurrently. */
  batchSize?: number;
  /** The longest the loop sleeps with nothing due (a safety net, not polling). */
  maxSleepMs?: number;
  /** Subscribes to wake-ups from other processes (Postgres LISTEN); returns an unsubscribe. */
  listen?: (onWake: () => void) => Promise<() => Promise<void>>;
  random?: () => number;
  log?: (line: string) => void;
};

/** The shortest sleep between passes when something due is held elsewhere. */
const minRearmMs = 25;

export type Engine = ReturnType<typeof createEngine>;

/**
 * The honesty engine's two halves in one loop: the scheduler posts the
 * automatic updates that promises make due, and the dispatcher hands outbox
 * rows to their channels. It sleeps until the next thing falls due, and wakes
 * early on any write here (`wake()`) or in another process (NOTIFY).
 */
export function createEngine(options: EngineOptions) {
  const { db, config, clock } = options;
  const workerId = options.workerId ?? `candor-${Math.random().toString(36).slice(2, 10)}`;
  const batchSize = options.batchSize ?? 20;
  const maxSleepMs = options.maxSleepMs ?? 30_000;
  const channels = new Map(options.channels.map((c) => [c.name, c]));
  const ordered = options.channels.filter((c) => c.ordered).map((c) => c.name);
  const log = options.log ?? (() => {});
  let engine: { wake(): void } | undefined;
  const ctx: ServiceContext = {
    db,
    config,
    clock,
    actor: systemActor,
    channels: options.channels,
    afterCommit: () => engine?.wake(),
  };

  /** Posts every automatic update due now: maintenance reminders and starts, holding updates, missed ETAs. */
  async function tick(): Promise<number> {
    let posted = 0;
    for (const id of await findDueMaintenances(ctx, clock())) {
      if (await runDueMaintenanceStep({ ctx, id })) posted++;
    }
    for (const incidentId of await findDueIncidents(ctx, clock())) {
      if (await postDueAutomaticUpdate({ ctx, incidentId })) posted++;
    }
    return posted;
  }

  /** When set, deliveries under way stop at this time and hand their rows back (a Workers pass's limit). */
  let deadline: number | null = null;

  async function deliverRow(row: OutboxRow): Promise<void> {
    const now = clock();
    // Set when a long delivery (a fan-out) stopped because the pass ran out of time.
    let paused = false;
    const channel = channels.get(row.channel);
    if (!channel) {
      await failRow(db, row, { message: `channel ${row.channel} is not configured`, decision: "unhealthy" }, now);
      return;
    }
    try {
      if (row.topic !== "update") {
        if (!channel.runJob) throw new ChannelError(`channel ${row.channel} has no ${row.topic} jobs`, "permanent");
        await channel.runJob(row.topic, row.payload, { now });
        await completeRow(db, row, clock());
        return;
      }
      const loaded = row.updateId ? await loadOutbound(db, row.updateId) : null;
      if (!loaded) throw new ChannelError(`update ${row.updateId} no longer exists`, "permanent");
      const { update } = loaded;
      const outbound: OutboundUpdate = {
        updateId: update.id,
        incidentId: update.incidentId,
        incidentTitle: loaded.title,
        incidentUrl: `${config.publicUrl}/incidents/${update.incidentId}`,
        seq: update.seq,
        kind: update.kind,
        status: update.status,
        impact: update.impact,
        text: String(row.payload.text ?? update.body),
        message: String(row.payload.message ?? update.body),
        promise: String(row.payload.promise ?? ""),
        customTweet: update.tweet,
        createdAt: update.createdAt,
      };
      await channel.deliver(outbound, {
        now,
        alreadyDelivered: (recipient) => wasDelivered(db, update.id, row.channel, recipient),
        recordDelivery: (recipient, receipt) =>
          recordDelivered(db, { updateId: update.id, channel: row.channel, recipient, receipt }, clock()),
        renewClaim: async () => {
          if (deadline !== null && clock().getTime() >= deadline) {
            paused = true;
            return false;
          }
          return renewClaim(db, row, clock());
        },
        recordDeliveries: (items) => recordDeliveredMany(db, update.id, row.channel, items, clock()),
        previousReceipt: (key) => previousReceipt(db, update, row.channel, key),
      });
      await completeRow(db, row, clock());
      await recordChannelSuccess(db, row.channel, clock());
    } catch (err) {
      if (paused) {
        // Not a failure: what was sent is recorded, and the next pass picks up from there.
        await releaseRow(db, row, clock());
        log(`delivery ${row.id} (${row.channel}) paused at the pass's time limit; the next pass resumes it`);
        return;
      }
      const failure: Failure =
        err instanceof ChannelError
          ? { message: err.message, decision: err.decision, retryAt: err.retryAt }
          : { message: err instanceof Error ? err.message : String(err), decision: "retry" };
      const failedAt = clock();
      // A row-level problem (permanent) says nothing about the channel; the rest do.
      const broken = failure.decision !== "permanent" && !(err instanceof ChannelError && err.recipientsOnly);
      await recordChannelError(db, row.channel, failure.message, broken, failedAt).catch(() => {});
      const state = await failRow(db, row, failure, failedAt, options.random);
      if (state === "pending") noteHoldBack(row, failure, failedAt);
      const note = state === "dead" ? " [dead]" : state === "lost" ? " [claim lost to another worker]" : "";
      log(`delivery ${row.id} (${row.channel}) failed: ${failure.message}${note}`);
    }
  }

  /** Claims and delivers one batch; returns how many rows it handled. */
  /** Per channel, the row that will probe it again, and until when the others wait. */
  let holdBacks = new Map<string, { probeId: number; until: Date }>();

  /**
   * When the channel itself is broken or rate limited, every other row on it
   * would fail the same way: after the batch, they wait, and one row probes.
   */
  function noteHoldBack(row: OutboxRow, failure: Failure, failedAt: Date): void {
    let until: Date | undefined;
    if (failure.decision === "unhealthy") until = new Date(failedAt.getTime() + unhealthyRetryMs + 1000);
    else if (failure.decision === "retry_at" && failure.retryAt) until = failure.retryAt;
    if (!until) return;
    const known = holdBacks.get(row.channel);
    if (!known || row.id < known.probeId) holdBacks.set(row.channel, { probeId: row.id, until });
  }

  async function dispatchOnce(limit = batchSize): Promise<number> {
    const rows = await claimDue(db, workerId, clock(), limit, ordered);
    await Promise.all(rows.map(deliverRow));
    // Applied once the whole batch has settled, so that rows failing side by
    // side are held back too (a locked row is not touched).
    const pending = holdBacks;
    holdBacks = new Map();
    for (const [channel, { probeId, until }] of pending) await holdBackChannel(db, channel, probeId, until);
    return rows.length;
  }

  /** Runs scheduler and dispatcher until nothing is due now. */
  async function drain(): Promise<void> {
    await tick();
    while ((await dispatchOnce()) > 0) {
      // A batch may have made more rows due (none today), and more may wait.
    }
  }

  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pumping: Promise<void> | undefined;
  let again = false;
  let unlisten: (() => Promise<void>) | undefined;

  async function pump(): Promise<void> {
    do {
      again = false;
      try {
        await drain();
      } catch (err) {
        log(`engine pass failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    } while (again && running);
    if (running) await arm();
  }

  async function arm(): Promise<void> {
    let delay = maxSleepMs;
    try {
      const [promise, step, row] = await Promise.all([
        nextPromiseDueAt(ctx),
        nextMaintenanceStepAt(ctx),
        nextRunAt(db, ordered),
      ]);
      const now = clock().getTime();
      for (const at of [promise, step, row]) if (at) delay = Math.min(delay, at.getTime() - now);
    } catch {
      delay = 1000;
    }
    if (!running) return;
    clearTimeout(timer);
    // Anything due now was handled by the pass that just ran; a due time still
    // in the past means another process holds it, so look again shortly
    // rather than spinning.
    timer = setTimeout(wake, Math.max(minRearmMs, delay));
  }

  /** Runs a pass soon; a pass already running runs once more. */
  function wake(): void {
    if (!running) return;
    if (pumping) {
      again = true;
      return;
    }
    clearTimeout(timer);
    pumping = pump().finally(() => {
      pumping = undefined;
      // A wake-up that came while the pass was arming its timer must not wait
      // for that timer: run once more now.
      if (again && running) {
        again = false;
        wake();
      }
    });
  }
  engine = { wake };

  return {
    workerId,
    tick,
    dispatchOnce,
    drain,
    wake,
    /**
     * Bounds a pass (Workers): from `at`, a delivery under way stops at its
     * next claim renewal (between batches of a fan-out) and its row is handed
     * back, due at once, for the next pass to resume. null lifts the bound.
     */
    setDeadline(at: Date | null): void {
      deadline = at ? at.getTime() : null;
    },
    /** The context services should use so their writes wake this engine. */
    serviceHooks: { channels: options.channels, afterCommit: () => wake() },
    async start(): Promise<void> {
      running = true;
      if (options.listen) unlisten = await options.listen(wake);
      wake();
    },
    async stop(): Promise<void> {
      running = false;
      clearTimeout(timer);
      await unlisten?.();
      await pumping;
    },
  };
}
