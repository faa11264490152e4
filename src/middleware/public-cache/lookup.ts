import type { ServedRender, ServingTable } from "../../app-env.ts";
import type { Entry } from "./entries.ts";
import { cachedRouteIndex } from "./paths.ts";
import { servedForm } from "./served.ts";
import type { CacheState } from "./state.ts";

/**
 * The entry a request may be answered from without going through the app,
 * or null (then the app handles it, refreshing what is stale). While the
 * database is down that is the stale copy of the last render.
 */
function servable(state: CacheState, path: string, method: string, nowMs: number): Entry | null {
  if (method !== "GET" && method !== "HEAD") return null;
  // Only cached paths are ever stored, so a URL found here is one (the
  // cheapest check first: this runs for every page view).
  const entry = state.entries.get(path);
  if (!entry) return null;
  if (state.health?.isDown()) return state.staleReady(entry);
  const version = state.versions.peek();
  if (version === null) return null;
  // Being rendered anew: the previous render until then, as the middleware does.
  if (state.rendering.has(path)) return entry;
  if (entry.version !== version || entry.minute !== Math.floor(nowMs / 60_000)) return null;
  return entry;
}

/**
 * The render as a front thread serves it: made once per entry (an entry is
 * only ever stored under one URL), so the same render is the same object.
 */
function served(forms: WeakMap<Entry, ServedRender>, entry: Entry, key: string, stale: boolean): ServedRender {
  let form = forms.get(entry);
  if (!form) {
    form = servedForm(entry, { route: cachedRouteIndex(key), stale });
    forms.set(entry, form);
  }
  return form;
}

/**
 * Every URL the cache would answer a GET for right now, and until when that
 * holds: the next minute boundary (pages are rendered again each minute) or
 * the data version's trust, whichever comes first. Asking starts the
 * background read of the version when it is due, as a request would.
 *
 * @example const table = servingTable(state)(Date.now()); table.rows.length
 */
export function servingTable(state: CacheState): (nowMs: number) => ServingTable {
  // Kept apart: a stale copy is a separate entry, but one that could not be built is the entry itself.
  const forms = { fresh: new WeakMap<Entry, ServedRender>(), stale: new WeakMap<Entry, ServedRender>() };
  return (nowMs) => {
    const rows: [string, ServedRender][] = [];
    // While the database is down, servable answers with the stale copies.
    const stale = state.health?.isDown() ?? false;
    for (const key of state.entries.keys()) {
      const entry = servable(state, key, "GET", nowMs);
      if (entry) rows.push([key, served(stale ? forms.stale : forms.fresh, entry, key, stale)]);
    }
    const nextMinute = (Math.floor(nowMs / 60_000) + 1) * 60_000;
    return {
      generation: state.generation(),
      deadlineMs: Math.min(nextMinute, nowMs + state.versionTtlMs),
      rows,
    };
  };
}
