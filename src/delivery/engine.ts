import type { Channel, OutboundUpdate } from "../channels/types.ts";
import { ChannelError } from "../channels/types.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { findDueIncidents, nextPromiseDueAt, postDueAutomaticUpdate } from "../services/automatic.ts";
import { type ServiceContext, systemActor } from "../services/context.ts";
import {
  claimDue,
  completeRow,
  type Failure,
  failRow,
  loadOutbound,
  nextRunAt,
  type OutboxRow,
  recordDelivered,
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

  /** Posts every automatic update due now. */
  async function tick(): Promise<number> {
    let posted = 0;
    for (const incidentId of await findDueIncidents(ctx, clock())) {
      if (await postDueAutomaticUpdate({ ctx, incidentId })) posted++;
    }
    return posted;
  }

  async function deliverRow(row: OutboxRow): Promise<void> {
    const now = clock();
    const channel = channels.get(row.channel);
    if (!channel) {
      await failRow(db, row, { message: `channel ${row.channel} is not configured`, decision: "unhealthy" }, now);
      return;
    }
    try {
      const loaded = await loadOutbound(db, row.updateId);
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
        createdAt: update.createdAt,
      };
      await channel.deliver(outbound, {
        now,
        alreadyDelivered: (recipient) => wasDelivered(db, row.updateId, row.channel, recipient),
        recordDelivery: (recipient, receipt) =>
          recordDelivered(db, { updateId: row.updateId, channel: row.channel, recipient, receipt }, clock()),
      });
      await completeRow(db, row, clock());
    } catch (err) {
      const failure: Failure =
        err instanceof ChannelError
          ? { message: err.message, decision: err.decision, retryAt: err.retryAt }
          : { message: err instanceof Error ? err.message : String(err), decision: "retry" };
      const state = await failRow(db, row, failure, clock(), options.random);
      const note = state === "dead" ? " [dead]" : state === "lost" ? " [claim lost to another worker]" : "";
      log(`delivery ${row.id} (${row.channel}) failed: ${failure.message}${note}`);
    }
  }

  /** Claims and delivers one batch; returns how many rows it handled. */
  async function dispatchOnce(limit = batchSize): Promise<number> {
    const rows = await claimDue(db, workerId, clock(), limit);
    await Promise.all(rows.map(deliverRow));
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
      const [promise, row] = await Promise.all([nextPromiseDueAt(ctx), nextRunAt(db)]);
      const now = clock().getTime();
      for (const at of [promise, row]) if (at) delay = Math.min(delay, at.getTime() - now);
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
