import type { CandorEvent, Observe } from "./events.ts";
import { redactUrls } from "./redact.ts";

/** user@host.tld, as SMTP servers quote recipients in their refusals ("550 <bob@example.com>: no such user"). */
const emailPattern = /[^\s<>"'(),;:@]+@[a-z0-9.-]+\.[a-z]{2,}/gi;

/**
 * Free text fit for a log line: URLs (with whatever credentials or tokens they
 * hold) and email addresses blanked. Error messages come from libraries and
 * far servers, which quote both.
 *
 * @example logSafe("550 <bob@example.com> refused by smtp://u:p@mx") // "550 <[email]> refused by [url]"
 */
export function logSafe(text: string): string {
  return redactUrls(text).replace(emailPattern, "[email]");
}

/** One level's writer: fields first, then the message (pino's order). */
export type LogFn = (fields: Record<string, unknown>, message?: string) => void;

/**
 * The process log as the app and the engine see it: pino's shape, so the
 * Node entry passes a pino logger, and tests or Workers anything with these
 * methods. Nothing here may be handed a secret, a recipient or a webhook URL.
 */
export type Logger = {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  isLevelEnabled: (level: string) => boolean;
};

/** A logger that writes nothing (tests and Workers passes that log elsewhere). */
export const silentLogger: Logger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  fatal: () => {},
  isLevelEnabled: () => false,
};

/** An error as a log field: its message with URL credentials and queries blanked, and its code. */
export function errorFields(err: unknown): { error: string; code?: string } {
  const message = logSafe(err instanceof Error ? err.message : String(err));
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? { error: message, code } : { error: message };
}

/**
 * The engine's and services' events as log lines: one line each, at a level
 * that says whether anyone should look (a retry is a warning, a dead row or
 * a channel gone unhealthy an error).
 */
export function logEvents(log: Logger): Observe {
  return (e: CandorEvent) => {
    switch (e.event) {
      case "delivery.claimed":
        return log.info(e, "delivery claimed");
      case "delivery.delivered":
        return log.info(e, "delivered");
      case "delivery.paused":
        return log.info(e, "delivery paused at the pass's time limit; the next pass resumes it");
      case "delivery.retried": {
        const reason = logSafe(e.reason);
        return log.warn({ ...e, reason }, `delivery failed, retrying: ${reason}`);
      }
      case "delivery.dead": {
        const reason = logSafe(e.reason);
        return log.error({ ...e, reason }, `delivery failed for good (dead): ${reason}`);
      }
      case "promise.settled":
        if (e.outcome === "missed")
          return log.warn(e, `promise missed: the next update went out ${e.lateSeconds} s late`);
        return log.info(e, e.by === "machine" ? "promise kept by the machine" : "promise kept by an engineer");
      case "channel.health":
        if (e.healthy) return log.info(e, `channel ${e.channel} recovered`);
        return log.error(
          { ...e, reason: e.reason && logSafe(e.reason) },
          `channel ${e.channel} is unhealthy: ${logSafe(e.reason ?? "failed")}`,
        );
    }
  };
}

const levelValues = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity } as const;

/**
 * A JSON-lines logger over `console` with pino's line shape (level number,
 * time, msg), for runtimes where pino's writers do not run (Workers, whose
 * log tail takes console output as it is).
 *
 * @example consoleLogger("info").info({ route: "/" }, "request")
 */
export function consoleLogger(level: keyof typeof levelValues): Logger {
  const min = levelValues[level];
  const at =
    (name: keyof typeof levelValues): LogFn =>
    (fields, message) => {
      const value = levelValues[name];
      if (value < min) return;
      const line = JSON.stringify({ level: value, time: new Date().toISOString(), ...fields, msg: message });
      if (value >= levelValues.error) console.error(line);
      else console.log(line);
    };
  return {
    trace: at("trace"),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    fatal: at("fatal"),
    isLevelEnabled: (name) => levelValues[name as keyof typeof levelValues] >= min,
  };
}
