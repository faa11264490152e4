import { pino } from "pino";
import type { Logger } from "../lib/log.ts";
import { writeAccessLine } from "../middleware/access-log.ts";

/**
 * The front thread's access lines, one per cache hit: at outage-day rates
 * (tens of thousands a second) the general logger cost more than the hit
 * itself (pino with its redaction paths, 17 µs a line; the hit, 30 µs). In
 * JSON the line is written by hand in pino's shape, from fields that cannot
 * hold anything to escape (a fixed route list, the front's own hex request
 * ids, GET or HEAD), and lines are sent in writes of 3 to 4 KiB, within
 * 250 ms when traffic is light; pretty text goes through the logger.
 *
 * @example const lines = frontAccess(log, "json", cachedRoutes); lines.write(Date.now(), "GET", 0, 200, 0.04, 8315, id)
 */
export function frontAccess(log: Logger, format: "json" | "pretty", routes: readonly string[]) {
  if (format === "pretty") {
    return {
      write(_nowMs: number, method: string, route: number, status: number, ms: number, bytes: number, id: string) {
        writeAccessLine(log, {
          method,
          route: routes[route],
          status,
          ms: Math.round(ms * 100) / 100,
          bytes,
          requestId: id,
        });
      },
      flush() {},
    };
  }
  // Whole lines in writes of at most 4 KiB (PIPE_BUF: a pipe keeps them whole however many threads write), held
  // until 3 KiB wait or 250 ms pass; beyond 4 MiB waiting (a reader that stopped), lines are dropped.
  const out = pino.destination({
    fd: 1,
    sync: false,
    minLength: 3072,
    maxWrite: 4096,
    maxLength: 4 * 1024 * 1024,
    periodicFlush: 250,
  });
  const head = `{"level":30,"time":"`;
  const tail = `","pid":${process.pid},"thread":"front","method":"`;
  const quotedRoutes = routes.map((r) => JSON.stringify(r));
  let isoMs = -1;
  let iso = "";
  return {
    write(nowMs: number, method: string, route: number, status: number, ms: number, bytes: number, id: string) {
      if (nowMs !== isoMs) {
        isoMs = nowMs;
        iso = new Date(nowMs).toISOString();
      }
      out.write(
        `${head}${iso}${tail}${method}","route":${quotedRoutes[route]},"status":${status},"ms":${Math.round(ms * 100) / 100},"bytes":${bytes},"requestId":"${id}","msg":"request"}\n`,
      );
    },
    flush() {
      try {
        out.flushSync();
      } catch {
        // Not open yet, or stdout is gone: nothing more can be written anyway.
      }
    },
  };
}
