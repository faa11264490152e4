import { sql } from "drizzle-orm";
import journal from "../../drizzle/meta/_journal.json" with { type: "json" };
import type { Db } from "./client.ts";

/**
 * The `when` of the newest migration this build ships. drizzle's migrator
 * stores it as created_at, so comparing the two tells whether the database
 * schema is current without touching the file system (Workers have none).
 */
export const latestMigrationAt: number = journal.entries.at(-1)?.when ?? 0;

export type MigrationState = { current: boolean; appliedAt: number | null; expectedAt: number };

/** Reads what the database has applied; never throws for a fresh database. */
export async function migrationState(db: Db): Promise<MigrationState> {
  try {
    const rows = await db.execute<{ created_at: string | number }>(
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    const list = Array.isArray(rows) ? rows : (rows as { rows: { created_at: string | number }[] }).rows;
    const appliedAt = list.length ? Number(list[0].created_at) : null;
    return { current: appliedAt !== null && appliedAt >= latestMigrationAt, appliedAt, expectedAt: latestMigrationAt };
  } catch {
    return { current: false, appliedAt: null, expectedAt: latestMigrationAt };
  }
}
