/**
 * How many posts the reads handed out, per route. X bills reads per post
 * returned (pay-per-use) and caps them per month on the older tiers, so a
 * test can hold a poller to a read budget with this.
 */
import type { FakeXState } from "./state.ts";
import type { FakeXRoute } from "./types.ts";

/** Adds the posts one answer carried in `data` (includes are not counted). */
export function countUsage(state: FakeXState, route: FakeXRoute, posts: number): void {
  state.usage.set(route, (state.usage.get(route) ?? 0) + posts);
}

/**
 * The counts so far; a route that has not answered a read is left out.
 *
 * @example
 * usageSnapshot(state); // { "GET /2/tweets/search/recent": 12, "GET /2/users/:id/mentions": 3 }
 */
export function usageSnapshot(state: FakeXState): Partial<Record<FakeXRoute, number>> {
  return Object.fromEntries(state.usage);
}
