import type { Channel } from "../channels/types.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { nextScheduledAt, tick } from "../scheduler/index.ts";
import { type ServiceContext, systemActor } from "../services/context.ts";
import { createDispatcher } from "./dispatcher.ts";
import { createLoop } from "./loop.ts";
import { nextRunAt } from "./queue/index.ts";

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

export type Engine = ReturnType<typeof createEngine>;

/**
 * The honesty engine's two halves in one loop: the scheduler posts the
 * automatic updates that promises make due, and the dispatcher hands outbox
 * rows to their channels. It sleeps until the next thing falls due, and wakes
 * early on any write here (`wake()`) or in another process (NOTIFY).
 *
 * @example
 * const engine = createEngine({ db, config, clock: () => new Date(), channels });
 * await engine.start(); // ... await engine.stop();
 */
export function createEngine(options: EngineOptions) {
  const { db, config, clock } = options;
  const workerId = options.workerId ?? `candor-${Math.random().toString(36).slice(2, 10)}`;
  const log = options.log ?? (() => {});
  const wake = (): void => loop.wake();
  const ctx: ServiceContext = {
    db,
    config,
    clock,
    actor: systemActor,
    channels: options.channels,
    afterCommit: wake,
    log,
  };
  const dispatcher = createDispatcher({
    db,
    publicUrl: config.publicUrl,
    clock,
    channels: options.channels,
    workerId,
    batchSize: options.batchSize ?? 20,
    random: options.random,
    log,
  });

  /** Runs scheduler and dispatcher until nothing is due now. */
  async function drain(): Promise<void> {
    await tick(ctx);
    while ((await dispatcher.dispatchOnce()) > 0) {
      // A batch may have made more rows due (none today), and more may wait.
    }
  }

  const loop = createLoop({
    pass: drain,
    nextDueAt: async () => {
      const [[promise, step], row] = await Promise.all([nextScheduledAt(ctx), nextRunAt(db, dispatcher.ordered)]);
      return [promise, step, row];
    },
    clock,
    maxSleepMs: options.maxSleepMs ?? 30_000,
    listen: options.listen,
    log,
  });

  return {
    workerId,
    /** Posts every automatic update due now; returns how many it posted. */
    tick: () => tick(ctx),
    dispatchOnce: dispatcher.dispatchOnce,
    drain,
    wake,
    setDeadline: dispatcher.setDeadline,
    /** The context services should use so their writes wake this engine. */
    serviceHooks: { channels: options.channels, afterCommit: () => wake() },
    start: loop.start,
    stop: loop.stop,
  };
}
