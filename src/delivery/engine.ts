import type { Channel } from "../channels/types.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { SessionLock } from "../db/session-lock.ts";
import type { Observe } from "../lib/events.ts";
import { createDuePoster, tick } from "../scheduler/index.ts";
import { type ServiceContext, systemActor } from "../services/context.ts";
import { createDispatcher } from "./dispatcher.ts";
import { engineHealth } from "./engine-health.ts";
import { createLoop } from "./loop.ts";
import { claimLockClass, nextRunAt, sessionClaimPrefix } from "./queue/index.ts";

export type EngineOptions = {
  db: Db;
  config: Config;
  clock: () => Date;
  channels: Channel[];
  /** The id of claims made without a session lock (lease-only claims). */
  workerId?: string;
  /**
   * Holds this engine's session lock (classId, hashtext(key)) for as long as
   * it runs, so that its claims die with it (ADR 0014). Without it (Workers:
   * Hyperdrive pools sessions), every claim is a lease.
   */
  sessionLock?: (classId: number, key: string) => SessionLock;
  /** Rows claimed per pass; they are delivered concurrently. */
  batchSize?: number;
  /** The longest the loop sleeps with nothing due (a safety net, not polling). */
  maxSleepMs?: number;
  /** Subscribes to wake-ups from other processes (Postgres LISTEN); returns an unsubscribe. */
  listen?: (onWake: () => void) => Promise<() => Promise<void>>;
  random?: () => number;
  /** Failures of a whole pass, in words; what happened to each row and promise goes to `observe`. */
  log?: (line: string) => void;
  /** Told what the engine did: claims, deliveries, retries, dead rows, promises kept, channel health changes. */
  observe?: Observe;
  /** Hearing customers on X (LISTEN): polled in a loop of its own, so a slow X never holds a promise back. */
  listener?: (ctx: ServiceContext) => { pass(): Promise<void>; nextDueAt(): Promise<Date | null> };
};

export type Engine = ReturnType<typeof createEngine>;

/**
 * The honesty engine's two halves, each in a loop of its own: the scheduler
 * posts the automatic updates that promises make due, and the dispatcher
 * hands outbox rows to their channels. Each sleeps until its next thing falls
 * due, and wakes early on any write here (`wake()`) or in another process
 * (NOTIFY). Apart, a busy outbox never holds a due promise back: the
 * scheduler's timer fires on time however long the dispatcher's pass runs.
 *
 * @example
 * const engine = createEngine({ db, config, clock: () => new Date(), channels });
 * await engine.start(); // ... await engine.stop();
 */
export function createEngine(options: EngineOptions) {
  const { db, config, clock } = options;
  const suffix = Math.random().toString(36).slice(2, 10);
  const workerId = options.workerId ?? `candor-${suffix}`;
  const sessionId = `${sessionClaimPrefix}${suffix}`;
  const sessionLock = options.sessionLock?.(claimLockClass, sessionId);
  const log = options.log ?? (() => {});
  const observe = options.observe ?? (() => {});
  let unlisten: (() => Promise<void>) | undefined;
  const wake = (): void => {
    schedulerLoop.wake();
    dispatchLoop.wake();
  };
  const ctx: ServiceContext = {
    db,
    config,
    clock,
    actor: systemActor,
    channels: options.channels,
    // What the scheduler posts is for the dispatcher; the scheduler re-arms after its own pass.
    afterCommit: () => dispatchLoop.wake(),
    log,
    observe,
  };
  const dispatcher = createDispatcher({
    db,
    publicUrl: config.publicUrl,
    clock,
    channels: options.channels,
    // Without the lock (not taken yet, lost with the database), claims fall back to leases.
    claimerId: async () => (sessionLock && (await sessionLock.held()) ? sessionId : workerId),
    batchSize: options.batchSize ?? 20,
    random: options.random,
    log,
    observe,
  });

  /** Delivers batches until nothing is due now (or shutdown stops claiming). */
  async function dispatchDue(): Promise<void> {
    while ((await dispatcher.dispatchOnce()) > 0) {
      // A batch may have made more rows due (none today), and more may wait.
    }
  }

  /** Runs scheduler and dispatcher until nothing is due now (tests and one-off passes). */
  async function drain(): Promise<void> {
    await tick(ctx);
    await dispatchDue();
  }

  const maxSleepMs = options.maxSleepMs ?? 30_000;
  const poster = createDuePoster(ctx, log, () => schedulerLoop.wake());
  const schedulerLoop = createLoop({
    pass: poster.pass,
    nextDueAt: poster.nextDueAt,
    clock,
    maxSleepMs,
    log,
  });
  // A poll's writes wake only the dispatcher (a spike alert's outbox row goes out at once, PGlite included,
  // where no NOTIFY comes back), never the scheduler: hearing posts makes no promise due.
  const listener = options.listener?.({ ...ctx, afterCommit: () => dispatchLoop.wake() });
  const listenLoop = listener
    ? createLoop({ pass: listener.pass, nextDueAt: async () => [await listener.nextDueAt()], clock, maxSleepMs, log })
    : null;
  const dispatchLoop = createLoop({
    pass: dispatchDue,
    nextDueAt: async () => [await nextRunAt(db, clock(), [sessionId, workerId], dispatcher.ordered)],
    clock,
    maxSleepMs,
    log,
  });

  return {
    workerId,
    /** Posts every automatic update due now; returns how many it posted. */
    tick: () => tick(ctx),
    dispatchOnce: dispatcher.dispatchOnce,
    /** One pass of the listeners (every source that is due), for a runtime without timers: Workers' cron. */
    listenOnce: async (): Promise<void> => {
      await listener?.pass();
    },
    /** For /readyz: running, stalled or stopped, and when the scheduler last finished a pass. */
    health: () => engineHealth(schedulerLoop.state(), dispatchLoop.state(), clock(), maxSleepMs),
    drain,
    wake,
    setDeadline: dispatcher.setDeadline,
    /** The context services should use so their writes wake this engine. */
    serviceHooks: { channels: options.channels, afterCommit: () => wake() },
    async start(): Promise<void> {
      if (options.listen) unlisten = await options.listen(wake);
      await Promise.all([schedulerLoop.start(), dispatchLoop.start(), listenLoop?.start()]);
    },
    /**
     * Shutdown: claims nothing more; a fan-out under way hands its row back
     * at its next claim renewal (attempt not counted), other deliveries under
     * way finish; then the session lock goes. Bound it with a timer: a send
     * that hangs keeps its row claimed until the lock goes with the process.
     */
    async stop(): Promise<void> {
      dispatcher.stopClaiming();
      await unlisten?.().catch(() => {});
      await Promise.all([schedulerLoop.stop(), dispatchLoop.stop(), listenLoop?.stop()]);
      await poster.settled();
      await sessionLock?.close();
    },
  };
}
