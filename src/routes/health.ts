import type { Hono } from "hono";
import { checkReadiness } from "../services/readiness.ts";
import { type AppEnv, serviceContext } from "./env.ts";

/** /healthz says the process is alive; /readyz says it can serve (database up, schema current). */
export function registerHealthRoutes(app: Hono<AppEnv>) {
  app.get("/healthz", (c) => c.json({ status: "ok" }));

  app.get("/readyz", async (c) => {
    // While the health state says down, writes get 503: readiness agrees without asking the database.
    const down = c.var.deps.dbHealth?.isDown() ?? false;
    const { database, migrations, deliveries, ready } = down
      ? { database: "unreachable" as const, migrations: null, deliveries: null, ready: false }
      : await checkReadiness(serviceContext(c));
    return c.json(
      {
        status: ready ? "ready" : "not_ready",
        checks: {
          database,
          migrations: migrations ? (migrations.current ? "current" : "pending") : "unknown",
        },
        ...(deliveries ? { details: { deliveries: { pending: deliveries.pending, dead: deliveries.dead } } } : {}),
        // Said in words too: an operator reading the probe during an outage should not have to guess.
        ...(database === "unreachable"
          ? { detail: "the database is unreachable: public pages are served from saved renders, writes get 503" }
          : {}),
      },
      ready ? 200 : 503,
    );
  });
}
