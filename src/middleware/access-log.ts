import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { Logger } from "../lib/log.ts";
import { routeLabel } from "./request-metrics.ts";

/** One access line's fields: the same in every thread and entry that writes one. */
export type AccessLine = {
  method: string;
  route: string;
  status: number;
  /** Milliseconds, to the hundredth. */
  ms: number;
  bytes: number | undefined;
  requestId: string | undefined;
};

/** Writes an access line at "info" (LOG_LEVEL=warn and above turn them off). */
export function writeAccessLine(log: Logger, line: AccessLine): void {
  log.info(line, "request");
}

/**
 * One access line per request. An entry that writes the line itself once
 * the body is read (the Node entry's front link, which knows the size then)
 * passes an environment with a `route` slot, filled in here; otherwise the
 * line is written here, with the size when the response declares it.
 */
export function accessLog(log: Logger | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    // The front link passes an environment with a route slot: it writes the line.
    const env = c.env as { route?: unknown } | undefined;
    if (typeof env?.route === "string") {
      env.route = routeLabel(c);
      return;
    }
    if (!log?.isLevelEnabled("info")) return;
    const length = c.res.headers.get("content-length");
    writeAccessLine(log, {
      method: c.req.method,
      route: routeLabel(c),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 100) / 100,
      bytes: length === null ? undefined : Number(length),
      requestId: c.var.requestId,
    });
  };
}
