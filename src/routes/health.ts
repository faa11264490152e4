import type { Hono } from "hono";
import type { EngineHealth } from "../app-env.ts";
import { checkReadiness, type Readiness } from "../services/readiness.ts";
import { type AppEnv, serviceContext } from "./env.ts";

const unreachable: Readiness = {
  database: "unreachable",
  latencyMs: null,
  migrations: null,
  deliveries: null,
  unhealthyChannels: null,
  ready: false,
};

/**
 * /healthz says the process is alive; /readyz says it can serve (database up,
 * schema current, and where this process runs the engine, the engine not
 * stalled), with details an operator needs: database latency, the engine's
 * last pass, pending and dead deliveries, unhealthy channels. Nothing in it
 * names a subscriber, a secret or a URL.
 */
export function registerHealthRoutes(app: Hono<AppEnv>) {
  app.get("/healthz", (c) => c.json({ status: "ok" }));

  app.get("/readyz", async (c) => {
    // While the health state says down, writes get 503: readiness agrees without asking the database.
    const down = c.var.deps.dbHealth?.isDown() ?? false;
    const r = down ? unreachable : await checkReadiness(serviceContext(c));
    const engine = c.var.deps.engine?.();
    const now = c.var.deps.clock();
    // A stalled engine breaks promises: take the process out until it recovers or is restarted.
    const ready = r.ready && engine?.state !== "stalled";
    return c.json(
      {
        status: ready ? "ready" : "not_ready",
        checks: {
          database: r.database,
          migrations: r.migrations ? (r.migrations.current ? "current" : "pending") : "unknown",
          ...(engine ? { engine: engine.state } : {}),
        },
        details: {
          database: { latency_ms: r.latencyMs },
          ...(engine ? { engine: engineDetails(engine, now) } : {}),
          ...(r.deliveries ? { deliveries: { pending: r.deliveries.pending, dead: r.deliveries.dead } } : {}),
          ...(r.unhealthyChannels ? { channels: { unhealthy: r.unhealthyChannels } } : {}),
        },
        // Said in words too: an operator reading the probe during an outage should not have to guess.
        ...(r.database === "unreachable"
          ? { detail: "the database is unreachable: public pages are served from saved renders, writes get 503" }
          : {}),
      },
      ready ? 200 : 503,
    );
  });
}

function engineDetails(engine: EngineHealth, now: Date) {
  return {
    last_pass_at: engine.lastPassAt?.toISOString() ?? null,
    last_pass_age_seconds:
      engine.lastPassAt === null ? null : Math.max(0, Math.round((now.getTime() - engine.lastPassAt.getTime()) / 1000)),
  };
}
