import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { isDatabaseUnavailable } from "../../db/unavailable.ts";
import type { Entry } from "./entries.ts";
import { isCachedPath } from "./paths.ts";
import type { CacheState } from "./state.ts";

/**
 * The cache as Hono middleware: a hit for this version and minute is served
 * from memory, a miss renders once (concurrent misses share it), and a write
 * through this process makes the next read look at the data version again.
 * While the database is down, or when a render fails because of it, the last
 * render is served, marked stale: a status page must answer on its worst day.
 *
 * @example app.use(cacheMiddleware(cacheState({})))
 */
export function cacheMiddleware(state: CacheState): MiddlewareHandler<AppEnv> {
  const { versions, entries, rendering, health } = state;

  function respond(c: Context<AppEnv>, entry: Entry): Response {
    const r = state.reply(
      {
        method: c.req.method,
        acceptEncoding: c.req.header("accept-encoding"),
        ifNoneMatch: c.req.header("if-none-match"),
        requestId: c.var.requestId,
      },
      entry,
    );
    return new Response(r.body as BodyInit | null, { status: r.status, headers: r.headers });
  }

  async function respondStale(c: Context<AppEnv>, entry: Entry, why: "stale" | "stale_on_error"): Promise<void> {
    state.count(why);
    const stale = await state.stale(entry);
    c.res = undefined;
    c.res = respond(c, stale);
  }

  return async (c, next) => {
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD") {
      await next();
      // A write through this process: the pages must show it on the next read.
      if (c.res.status < 400) versions.stale();
      return;
    }
    if (!isCachedPath(c.req.path)) return next();
    const { db, clock } = c.var.deps;
    const url = new URL(c.req.url);
    const key = url.pathname + url.search;
    const cached = entries.get(key);
    // Known down: no request waits on the database, the last render answers.
    if (cached && health?.isDown()) return respondStale(c, cached, "stale");
    let version: number;
    try {
      version = await versions.current(db);
    } catch (err) {
      if (!cached || !health?.report(err)) throw err;
      return respondStale(c, cached, "stale_on_error");
    }
    const minute = Math.floor(clock().getTime() / 60_000);
    if (cached && cached.version === version && cached.minute === minute) {
      state.count("hit");
      c.res = undefined;
      c.res = respond(c, cached);
      return;
    }
    const shared = rendering.get(key);
    if (shared) {
      // Another request is rendering this URL. Until it is done, the previous
      // render (one change behind, for a few milliseconds) is better than a
      // queue: outage-day traffic keeps flowing while updates land.
      if (cached) {
        state.count("hit");
        c.res = undefined;
        c.res = respond(c, cached);
        return;
      }
      const entry = await shared.catch(() => null);
      if (entry && entry.version === version && entry.minute === minute) {
        state.count("hit");
        c.res = undefined;
        c.res = respond(c, entry);
        return;
      }
      state.count("miss");
      return next();
    }
    let settle: (entry: Entry | null) => void = () => {};
    const mine = new Promise<Entry | null>((resolve) => {
      settle = resolve;
    });
    state.beginRender(key, mine);
    try {
      await next();
      // The render failed because the database did (the error handler has
      // told the health state): the previous render beats an error page.
      if (cached && c.error && isDatabaseUnavailable(c.error)) {
        settle(null);
        return respondStale(c, cached, "stale_on_error");
      }
      state.count("miss");
      const entry = await state.capture(c.res.clone(), version, minute);
      settle(entry);
      if (!entry) return;
      state.store(key, entry);
      c.res = undefined;
      c.res = respond(c, entry);
    } catch (err) {
      settle(null);
      throw err;
    } finally {
      state.endRender(key);
    }
  };
}
