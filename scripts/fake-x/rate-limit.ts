/** Per-route rate-limit windows, counted as X counts them, and the x-rate-limit-* headers that report them. */
import type { FakeXState, Window } from "./state.ts";
import type { FakeXRoute, RateLimit } from "./types.ts";

const fifteenMinutes = 15 * 60_000;

/**
 * X's per-user windows (docs.x.com, fundamentals/rate-limits), what every
 * route starts with. POST /2/tweets starts at the fake's own default instead
 * (defaults.ts says why). Tests change any of them with `setRateLimit`.
 */
export const xRateLimits: Readonly<Record<FakeXRoute, RateLimit>> = Object.freeze({
  "POST /2/tweets": { limit: 100, windowMs: fifteenMinutes },
  "GET /2/tweets/:id": { limit: 900, windowMs: fifteenMinutes },
  "DELETE /2/tweets/:id": { limit: 50, windowMs: fifteenMinutes },
  "GET /2/users/me": { limit: 75, windowMs: fifteenMinutes },
  "GET /2/users/:id/mentions": { limit: 300, windowMs: fifteenMinutes },
  "GET /2/users/:id/tweets": { limit: 900, windowMs: fifteenMinutes },
  "GET /2/tweets/search/recent": { limit: 300, windowMs: fifteenMinutes },
});

export function isRoute(route: string): route is FakeXRoute {
  return Object.hasOwn(xRateLimits, route);
}

export function limitFor(state: FakeXState, route: FakeXRoute): RateLimit {
  return state.limits.get(route) ?? xRateLimits[route];
}

/** Windows end on a whole second so that x-rate-limit-reset (seconds) is exact. */
function windowEnd(start: number, windowMs: number): number {
  return Math.ceil((start + windowMs) / 1000) * 1000;
}

/** The live window, or the one a request now would open (not stored: only counted requests open one). */
function currentWindow(state: FakeXState, route: FakeXRoute, now: number): Window {
  const w = state.windows.get(route);
  if (w && now < windowEnd(w.start, limitFor(state, route).windowMs)) return w;
  return { start: now, used: 0 };
}

/** The headers X sends on every /2/ answer, refusals included. */
export function rateHeaders(state: FakeXState, route: FakeXRoute): Record<string, string> {
  const { limit, windowMs } = limitFor(state, route);
  const w = currentWindow(state, route, state.clock().getTime());
  return {
    "x-rate-limit-limit": String(limit),
    "x-rate-limit-remaining": String(Math.max(0, limit - w.used)),
    "x-rate-limit-reset": String(windowEnd(w.start, windowMs) / 1000),
  };
}

/** Counts the request; false when the window is used up. */
export function consume(state: FakeXState, route: FakeXRoute): boolean {
  const w = currentWindow(state, route, state.clock().getTime());
  state.windows.set(route, w);
  if (w.used >= limitFor(state, route).limit) return false;
  w.used += 1;
  return true;
}
