import { sql } from "drizzle-orm";
import type { Hono } from "hono";
import { migrationState } from "../db/migrations.ts";
import { countByState } from "../delivery/outbox.ts";
import type { AppEnv } from "./env.ts";

/** /healthz says the process is alive; /readyz says it can serve (database up, schema current). */
export function registerHealthRoutes(app: Hono<AppEnv>) {
  app.get("/healthz", (c) => c.json({ status: "ok" }));

  app.get("/readyz", async (c) => {
    const { db } = c.var.deps;
    let database: "ok" | "unreachable" = "ok";
    try {
      await db.execute(sql`select 1`);
    } catch {
      database = "unreachable";
    }
    const migrations = database === "ok" ? await migrationState(db) : null;
    const ready = database === "ok" && migrations?.current === true;
    // Dead deliveries need a person, but the service can still serve: report, do not fail.
    const deliveries = ready ? await countByState(db).catch(() => null) : null;
    return c.json(
      {
        status: ready ? "ready" : "not_ready",
        checks: {
          database,
          migrations: migrations ? (migrations.current ? "current" : "pending") : "unknown",
        },
        ...(deliveries ? { details: { deliveries: { pending: deliveries.pending, dead: deliveries.dead } } } : {}),
      },
      ready ? 200 : 503,
    );
  });
}
