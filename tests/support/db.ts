import { readFileSync } from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { type OpenDatabase, openDatabase } from "../../src/db/open-node.ts";

export type DatabaseKind = "pglite" | "postgres";
export const databaseKinds: DatabaseKind[] = ["pglite", "postgres"];

let counter = 0;

/**
 * A fresh, migrated database of its own: PGlite loaded from the migrated
 * snapshot, or a Postgres database cloned from the migrated template.
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<OpenDatabase & { url?: string }> {
  if (kind === "pglite") {
    const snapshot = new Blob([readFileSync(inject("pgliteSnapshot"))]);
    return openDatabase({ loadDataDir: snapshot, migrate: false });
  }
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = postgres(inject("postgresAdminUrl"), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template candor_template`);
  } finally {
    await admin.end();
  }
  const url = inject("postgresAdminUrl").replace(/\/postgres$/, `/${name}`);
  return { ...(await openDatabase({ databaseUrl: url, migrate: false })), url };
}

export type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;

/** The postgres.js client of a Postgres test database (the e2e tests read what the process wrote). */
export function sqlOf(d: TestDb | undefined): NonNullable<TestDb["sql"]> {
  if (!d?.sql) throw new Error("no Postgres test database");
  return d.sql;
}
