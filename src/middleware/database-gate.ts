import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { DatabaseHealth } from "../db/health.ts";
import { AppError } from "../errors.ts";

/**
 * Refuses writes at once with 503 while the database is known to be down,
 * rather than letting each one wait for a connection that will not come.
 * Reads pass: the public ones are answered from saved renders, the others
 * fail fast on their own. The health probe lifts this within half a second
 * of the database coming back.
 *
 * @example app.use(databaseGate(health))
 */
export function databaseGate(health: DatabaseHealth): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS" && health.isDown()) {
      throw AppError.databaseUnavailable();
    }
    await next();
  };
}
