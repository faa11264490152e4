import { errorFields, type Logger } from "../lib/log.ts";

export type ShutdownParts = {
  /** What takes requests: it stops listening first (the Node entry's front thread and the app's server). */
  server: { close: () => unknown; closeIdleConnections: () => void };
  graceMs: number;
  /** In order, after the server stops listening: each may wait for work under way. */
  steps: (() => void | Promise<void>)[];
  log: Logger;
};

/**
 * SIGTERM/SIGINT: stop taking requests and claims, let fan-outs hand their
 * rows back between batches (attempt not counted) and in-flight sends finish,
 * close the database, and exit within `graceMs` whatever is left: what is
 * still claimed then returns to the queue when the database session goes.
 * A second signal exits at once.
 *
 * @example onSignals({ server, graceMs: 5000, steps: [() => engine.stop(), () => db.close()] })
 */
export function onSignals(parts: ShutdownParts): void {
  const { log } = parts;
  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) {
      log.warn({ signal }, `${signal} received again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    const started = performance.now();
    const grace = parts.graceMs;
    log.info({ signal, graceMs: grace }, `${signal} received, shutting down (SHUTDOWN_GRACE ${grace} ms)`);
    setTimeout(() => {
      log.error(
        { graceMs: grace },
        `shutdown still under way after SHUTDOWN_GRACE (${grace} ms): exiting; claimed rows return to the queue`,
      );
      process.exit(1);
    }, grace);
    parts.server.close();
    // Keep-alive connections with no request under way would hold close() open until their clients leave.
    parts.server.closeIdleConnections();
    try {
      for (const step of parts.steps) await step();
    } catch (err) {
      log.error(errorFields(err), "shutdown failed");
      process.exit(1);
    }
    const ms = Math.round(performance.now() - started);
    log.info({ ms }, `Shut down in ${ms} ms`);
    process.exit(0);
  }
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}
