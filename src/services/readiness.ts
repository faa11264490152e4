import { sql } from "drizzle-orm";
import { type MigrationState, migrationState } from "../db/migrations.ts";
import type { OutboxState } from "../delivery/queue/index.ts";
import type { ServiceContext } from "./context.ts";
import { countDeliveries } from "./deliveries/index.ts";

export type Readiness = {
  database: "ok" | "unreachable";
  /** Null when the database could not be asked. */
  migrations: MigrationState | null;
  /** Null unless the service is ready, or when counting failed. */
  deliveries: Record<OutboxState, number> | null;
  ready: boolean;
};

/**
 * Whether this process can serve: the database answers and its schema is
 * current. Dead deliveries need a person, but the service can still serve:
 * they are reported, never a reason to fail.
 */
export async function checkReadiness(ctx: ServiceContext): Promise<Readiness> {
  let database: Readiness["database"] = "ok";
  try {
    await ctx.db.execute(sql`select 1`);
  } catch {
    database = "unreachable";
  }
  const migrations = database === "ok" ? await migrationState(ctx.db) : null;
  const ready = database === "ok" && migrations?.current === true;
  const deliveries = ready ? await countDeliveries(ctx).catch(() => null) : null;
  return { database, migrations, deliveries, ready };
}
