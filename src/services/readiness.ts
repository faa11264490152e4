import { sql } from "drizzle-orm";
import { type MigrationState, migrationState } from "../db/migrations.ts";
import { unhealthyChannels } from "../delivery/health.ts";
import type { OutboxState } from "../delivery/queue/index.ts";
import type { ServiceContext } from "./context.ts";
import { countDeliveries } from "./deliveries/index.ts";

export type Readiness = {
  database: "ok" | "unreachable";
  /** How long `select 1` took, in ms (null when it failed). */
  latencyMs: number | null;
  /** Null when the database could not be asked. */
  migrations: MigrationState | null;
  /** Null unless the service is ready, or when counting failed. */
  deliveries: Record<OutboxState, number> | null;
  /** Channels whose last failure broke the channel itself; null unless ready, or when asking failed. */
  unhealthyChannels: string[] | null;
  ready: boolean;
};

/**
 * Whether this process can serve: the database answers and its schema is
 * current. Dead deliveries and unhealthy channels need a person, but the
 * service can still serve: they are reported, never a reason to fail.
 */
export async function checkReadiness(ctx: ServiceContext): Promise<Readiness> {
  let database: Readiness["database"] = "ok";
  let latencyMs: number | null = null;
  // Monotonic, not the service clock: this measures the database, not the time of day.
  const started = performance.now();
  try {
    await ctx.db.execute(sql`select 1`);
    latencyMs = Math.round((performance.now() - started) * 10) / 10;
  } catch {
    database = "unreachable";
  }
  const migrations = database === "ok" ? await migrationState(ctx.db) : null;
  const ready = database === "ok" && migrations?.current === true;
  const [deliveries, unhealthy] = ready
    ? await Promise.all([countDeliveries(ctx).catch(() => null), unhealthyChannels(ctx.db).catch(() => null)])
    : [null, null];
  return { database, latencyMs, migrations, deliveries, unhealthyChannels: unhealthy, ready };
}
