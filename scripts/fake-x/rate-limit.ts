/** Per-route rate-limit windows, counted as X counts them, and the x-rate-limit-* headers that report them. */
import type { FakeXState, Window } from "./state.ts";
import type { RateLimit } from "./types.ts";

/** The read and delete endpoints' windows, per user, as X documents them; not configurable. */
const fixedLimits: Record<string, RateLimit> = {
  "GET /2/tweets/:id": { limit: 900, windowMs: 15 * 60_000 },
  "DELETE /2/tweets/:id": { limit: 50, windowMs: 15 * 60_000 },
  "GET /2/users/me": { limit: 75, windowMs: 15 * 60_000 },
};

export function limitFor(state: FakeXState, route: string): RateLimit {
  return route === "POST /2/tweets" ? state.postLimit : fixedLimits[route];
}

/** Windows end on a whole second so that x-rate-limit-reset (seconds) is exact. */
function windowEnd(start: number, windowMs: number): number {
  return Math.ceil((start + windowMs) / 1000) * 1000;
}

/** The live window, or the one a request now would open (not stored: only counted requests open one). */
function currentWindow(state: FakeXState, route: string, now: number): Window {
  const w = state.windows.get(route);
  if (w && now < windowEnd(w.start, limitFor(state, route).windowMs)) return w;
  return { start: now, used: 0 };
}

/** The headers X sends on every /2/ answer, refusals included. */
export function rateHeaders(state: FakeXState, route: string): Record<string, string> {
  const { limit, windowMs } = limitFor(state, route);
  const w = currentWindow(state, route, state.clock().getTime());
  return {
    "x-rate-limit-limit": String(limit),
    "x-rate-limit-remaining": String(Math.max(0, limit - w.used)),
    "x-rate-limit-reset": String(windowEnd(w.start, windowMs) / 1000),
  };
}

/** Counts the request; false when the window is used up. */
export function consume(state: FakeXState, route: string): boolean {
  const w = currentWindow(state, route, state.clock().getTime());
  state.windows.set(route, w);
  if (w.used >= limitFor(state, route).limit) return false;
  w.used += 1;
  return true;
}
