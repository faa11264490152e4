import type { EngineHealth } from "../app-env.ts";

type LoopState = { running: boolean; lastPassAt: Date | null; passStartedAt: Date | null };

/**
 * A pass of the scheduler (holding updates, ETA notices) takes milliseconds;
 * one running this long is stuck, and so is a loop whose last pass ended
 * this long after it should have woken (it sleeps at most maxSleepMs).
 */
const stallMs = 60_000;

/**
 * The engine's health from its two loops, as /readyz reports it. The
 * dispatcher's passes may run for minutes during a large fan-out, so only
 * the scheduler's are judged by their length.
 *
 * @example engineHealth(scheduler.state(), dispatcher.state(), new Date(), 30_000).state // "running"
 */
export function engineHealth(scheduler: LoopState, dispatcher: LoopState, now: Date, maxSleepMs: number): EngineHealth {
  const lastPassAt = scheduler.lastPassAt;
  if (!scheduler.running || !dispatcher.running) return { state: "stopped", lastPassAt };
  const age = (at: Date | null) => (at ? now.getTime() - at.getTime() : 0);
  const asleepTooLong = (l: LoopState) => !l.passStartedAt && age(l.lastPassAt) > maxSleepMs + stallMs;
  const stalled = age(scheduler.passStartedAt) > stallMs || asleepTooLong(scheduler) || asleepTooLong(dispatcher);
  return { state: stalled ? "stalled" : "running", lastPassAt };
}
