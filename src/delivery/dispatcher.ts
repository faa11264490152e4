import type { Channel } from "../channels/types.ts";
import type { Db } from "../db/client.ts";
import type { Observe } from "../lib/events.ts";
import { deliverRow, type HoldBack } from "./deliver-row.ts";
import { claimDue, holdBackChannel } from "./queue/index.ts";

export type DispatcherOptions = {
  db: Db;
  publicUrl: string;
  clock: () => Date;
  channels: readonly Channel[];
  /**
   * Who claims the next batch: the session-tied id while this process holds
   * its session lock, else a lease-only id (see queue/shared.ts).
   */
  claimerId: () => Promise<string>;
  /** Rows claimed per pass; they are delivered concurrently. */
  batchSize: number;
  random?: () => number;
  log: (line: string) => void;
  observe: Observe;
};

export type Dispatcher = ReturnType<typeof createDispatcher>;

/**
 * The dispatcher half of the engine: claims a batch of due outbox rows,
 * delivers them side by side, then holds back channels that said they are
 * broken or rate limited. It keeps the Workers pass's deadline.
 */
export function createDispatcher(options: DispatcherOptions) {
  const { db, clock } = options;
  /** Channels that keep an incident's updates in order (an X thread). */
  const ordered = options.channels.filter((c) => c.ordered).map((c) => c.name);
  /** When set, deliveries under way stop at this time and hand their rows back (a Workers pass's limit). */
  let deadline: number | null = null;
  /** Set at shutdown: no new batch is claimed. */
  let stopped = false;
  /** Per channel, the row that will probe it again, and until when the others wait. */
  let holdBacks = new Map<string, { probeId: number; until: Date }>();

  const deps = {
    db,
    publicUrl: options.publicUrl,
    clock,
    channels: new Map(options.channels.map((c) => [c.name, c])),
    pastDeadline: () => deadline !== null && clock().getTime() >= deadline,
    onHoldBack: ({ channel, probeId, until }: HoldBack) => {
      const known = holdBacks.get(channel);
      if (!known || probeId < known.probeId) holdBacks.set(channel, { probeId, until });
    },
    random: options.random,
    log: options.log,
    observe: options.observe,
  };

  /** Claims and delivers one batch; returns how many rows it handled. */
  async function dispatchOnce(limit = options.batchSize): Promise<number> {
    if (stopped) return 0;
    const rows = await claimDue(db, await options.claimerId(), clock(), limit, ordered);
    await Promise.all(rows.map((row) => deliverRow(deps, row)));
    // Applied once the whole batch has settled, so that rows failing side by
    // side are held back too (a locked row is not touched).
    const pending = holdBacks;
    holdBacks = new Map();
    for (const [channel, { probeId, until }] of pending) await holdBackChannel(db, channel, probeId, until);
    return rows.length;
  }

  return {
    ordered,
    dispatchOnce,
    /**
     * Bounds a pass (Workers): from `at`, a delivery under way stops at its
     * next claim renewal (between batches of a fan-out) and its row is handed
     * back, due at once, for the next pass to resume. null lifts the bound.
     */
    setDeadline(at: Date | null): void {
      deadline = at ? at.getTime() : null;
    },
    /**
     * Shutdown: claims nothing more, and fan-outs under way hand their rows
     * back at their next claim renewal (the pass limit, from now on).
     */
    stopClaiming(): void {
      stopped = true;
      deadline = clock().getTime();
    },
  };
}
