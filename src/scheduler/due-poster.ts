import type { ServiceContext } from "../services/context.ts";
import { findDueIncidents, nextPromiseDueAt, postDueAutomaticUpdate } from "./incident-promises.ts";
import { findDueMaintenances, nextMaintenanceStepAt, runDueMaintenanceStep } from "./maintenance-steps.ts";

/** How soon an automatic update whose post failed (the database went away) is tried again. */
const retryMs = 1000;

/**
 * The scheduler as the engine's loop runs it: a pass starts posting what is
 * due and returns without waiting for the posts, so the next promise falling
 * due is picked up on time even while earlier ones are still being written
 * (under a busy API, one post takes a second; waiting for it made the
 * promises due meanwhile that much late). An incident being posted is left
 * out of the next looks until its post is done. Each post is a short
 * transaction that locks its own incident (SKIP LOCKED), so posts never wait
 * on each other; PGlite runs them one after another on its one connection.
 *
 * @example
 * const poster = createDuePoster(ctx, console.error, () => loop.wake());
 * await poster.pass(); const due = await poster.nextDueAt(); await poster.settled();
 */
export function createDuePoster(ctx: ServiceContext, log: (line: string) => void, lookAgain: () => void) {
  const posting = new Map<string, Promise<void>>();

  function post(incidentId: string): void {
    // Once posted, its next promise is at least a minute away: the timer armed meanwhile is early enough.
    // Another process holding it (SKIP LOCKED) posts it. A failure is tried again a second later.
    const done = postDueAutomaticUpdate(ctx, incidentId)
      .then(
        () => {},
        (err) => {
          log(`automatic update for ${incidentId} failed: ${err instanceof Error ? err.message : String(err)}`);
          setTimeout(lookAgain, retryMs);
        },
      )
      .finally(() => posting.delete(incidentId));
    posting.set(incidentId, done);
  }

  return {
    /** Starts posting every automatic update due now; maintenance steps (rare, may touch shared components) run in turn. */
    async pass(): Promise<void> {
      for (const id of await findDueMaintenances(ctx, ctx.clock())) await runDueMaintenanceStep(ctx, id);
      for (const id of await findDueIncidents(ctx, ctx.clock(), 100, [...posting.keys()])) post(id);
    },
    /** When something next falls due, the incidents being posted left out. */
    nextDueAt(): Promise<(Date | null)[]> {
      return Promise.all([nextPromiseDueAt(ctx, [...posting.keys()]), nextMaintenanceStepAt(ctx)]);
    },
    /** Resolves once every post under way is done (shutdown). */
    async settled(): Promise<void> {
      while (posting.size) await Promise.all(posting.values());
    },
  };
}
