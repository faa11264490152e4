import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../app-env.ts";

/**
 * The route pattern a request matched, such as `/incidents/:id`: the first
 * route registered for its method, not a middleware (those are registered
 * for every method), or "other" when none matched. Never the raw path,
 * which anyone can make unique.
 *
 * @example routeLabel(c) // "/api/v1/incidents/:id/updates"
 */
export function routeLabel(c: Context<AppEnv>): string {
  for (const route of matchedRoutes(c)) if (route.method !== "ALL") return route.path;
  return "other";
}

/**
 * Times every request the app answers (candor_http_request_duration_seconds):
 * mounted first, so the time covers the cache, auth and the error handler.
 *
 * @example app.use(requestMetrics(metrics.requestDone))
 */
export function requestMetrics(
  done: (route: string, status: number, seconds: number) => void,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    done(routeLabel(c), c.res.status, (performance.now() - started) / 1000);
  };
}
