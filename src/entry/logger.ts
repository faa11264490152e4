import { pino } from "pino";
import type { LogLevel } from "../config.ts";
import type { Logger } from "../lib/log.ts";

export type LogOptions = { level: LogLevel; format?: "json" | "pretty" };

/** LOG_FORMAT, or unset: pretty on a terminal, JSON lines otherwise. Both threads decide the same way. */
export function logFormat(options: LogOptions): "json" | "pretty" {
  return options.format ?? (process.stdout.isTTY ? "pretty" : "json");
}

/**
 * Keys that hold secrets wherever they appear in a line's fields, one level
 * down too: no caller should log them, and if one ever does, pino writes
 * "[redacted]" instead (tests/integration/logger.test.ts).
 */
const secretKeys = [
  "authorization",
  "password",
  "secret",
  "token",
  "apiKey",
  "key",
  "smtpUrl",
  "url",
  "email",
  "cookie",
];
const redact = {
  paths: [...secretKeys, ...secretKeys.map((k) => `*.${k}`)],
  censor: "[redacted]",
};

/**
 * The process log (pino): JSON lines on stdout by default when stdout is not
 * a terminal, pretty text when it is or LOG_FORMAT=pretty. Both threads of
 * the Node entry (main and front) make one; each writes whole lines in
 * writes of at most 4 KiB, which a pipe keeps whole (PIPE_BUF), so the two
 * threads' lines never interleave mid-line. This logger writes each line
 * at once; `flush()` is for the pretty stream's sake and a no-op here.
 *
 * @example const { logger, flush } = await createLogger({ level: "info" }, "main");
 */
export async function createLogger(
  options: LogOptions,
  thread: "main" | "front",
): Promise<{ logger: Logger & pino.Logger; flush: () => void }> {
  const pretty = logFormat(options) === "pretty";
  const base = { pid: process.pid, thread };
  if (pretty) {
    const { default: prettyStream } = await import("pino-pretty");
    const stream = prettyStream({
      colorize: Boolean(process.stdout.isTTY),
      sync: true,
      ignore: "pid,hostname,thread",
      translateTime: "SYS:HH:MM:ss.l",
    });
    const logger = pino({ level: options.level, base, redact }, stream);
    return { logger, flush: () => {} };
  }
  // Synchronous: an asynchronous write still in flight at process.exit() is lost (seen in CI), and this
  // thread's lines (API requests, engine events) are few; the front thread's hits have their own buffered writer.
  const destination = pino.destination({ fd: 1, sync: true, maxWrite: 4096 });
  const logger = pino({ level: options.level, base, redact, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  return {
    logger,
    flush: () => {
      try {
        destination.flushSync();
      } catch {
        // Nothing to flush yet (not open), or stdout is gone: nothing more can be written anyway.
      }
    },
  };
}
