import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { type Db, dbFromPostgres } from "./client.ts";
import { seedFromTemplate } from "./pglite-template.ts";

/**
 * drizzle/ at the repository's root: two levels up from this file in src/db,
 * one up from the bundle in dist/ (ADR 0016).
 */
export const migrationsFolder = fileURLToPath(
  new URL(import.meta.url.endsWith(".ts") ? "../../drizzle" : "../drizzle", import.meta.url),
);

export type OpenDatabase = {
  db: Db;
  kind: "pglite" | "postgres";
  /** postgres.js client when kind is postgres (LISTEN/NOTIFY needs it). */
  sql?: postgres.Sql;
  /** Postgres: the URL it was opened with (migrations open a connection of their own). */
  url?: string;
  pglite?: PGlite;
  /** PGlite: the data directory was new and started as a copy of the build's template (pglite-template.ts). */
  fromTemplate?: boolean;
  close(): Promise<void>;
};

export type OpenOptions = {
  databaseUrl?: string;
  dataDir?: string;
  /** A PGlite data dir dump to start from (tests load a migrated snapshot). */
  loadDataDir?: Blob | File;
  /** The template a new PGlite data directory is copied from (default: the build's; null: none). */
  template?: string | null;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Postgres: called when a pooled connection closes, so the caller can check whether the server went away. */
  onConnectionClosed?: () => void;
};

/** Opens Postgres when a URL is given, else embedded PGlite, and applies migrations. */
export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  const open = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.onConnectionClosed)
    : await openPglite(options);
  if (options.migrate !== false) {
    try {
      await applyMigrations(open);
    } catch (err) {
      await open.close();
      throw err;
    }
  }
  return open;
}

/**
 * Fail fast rather than hang: a connection attempt gives up after 1.5 s (a
 * refused one fails at once), a statement after 5 s, and a transaction left
 * idle is ended by the server after 10 s, so a dead or wedged database costs
 * a request well under the 2 s a reader or writer should ever wait on it.
 */
export const postgresTimeouts = {
  connectTimeoutSeconds: 1.5,
  statementTimeoutMs: 5_000,
  idleInTransactionTimeoutMs: 10_000,
  reconnectPauseSeconds: 0.1,
};

function openPostgres(url: string, onConnectionClosed?: () => void): OpenDatabase {
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    onclose: onConnectionClosed ? () => onConnectionClosed() : undefined,
    connect_timeout: postgresTimeouts.connectTimeoutSeconds,
    // postgres.js waits 3^failures/100 s (up to 20 s) before reconnecting a
    // connection that failed: after a 10 s outage, requests would wait ~20 s
    // for a server that is long back. The health probe paces retries
    // instead, so a short, flat pause is enough.
    backoff: () => postgresTimeouts.reconnectPauseSeconds,
    connection: {
      statement_timeout: postgresTimeouts.statementTimeoutMs,
      idle_in_transaction_session_timeout: postgresTimeouts.idleInTransactionTimeoutMs,
    },
  });
  return {
    db: dbFromPostgres(client),
    kind: "postgres",
    sql: client,
    url,
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * PGlite's own start parameters, with shared_buffers at 32 MB instead of
 * Postgres's 128 MB: the backend zeroes the whole buffer pool at every start
 * (about 70 ms of a reopened start for 128 MB, and 96 MB more of resident
 * memory), and a PGlite database is small; its files stay in the OS's cache.
 */
export const pgliteStartParams = [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"];

async function openPglite(options: OpenOptions): Promise<OpenDatabase> {
  let fromTemplate = false;
  if (options.dataDir) {
    await mkdir(dirname(options.dataDir), { recursive: true });
    if (!options.loadDataDir && options.template !== null) {
      fromTemplate = await seedFromTemplate(options.dataDir, options.template);
    }
    await mkdir(options.dataDir, { recursive: true });
  }
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    startParams: pgliteStartParams,
  });
  // No relational schema: Candor writes its queries with the query builder, and
  // drizzle's relational config costs 25 ms of every start.
  const db = drizzlePglite(client) as unknown as Db;
  return { db, kind: "pglite", pglite: client, fromTemplate, close: () => client.close() };
}

/**
 * Applies pending migrations. The Node entry calls it itself when it opened
 * Postgres with `migrate: false`, retrying while the database is down.
 */
export async function applyMigrations(open: OpenDatabase): Promise<void> {
  if (await isCurrent(open)) return;
  if (open.kind === "pglite") {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the concrete driver type
    await migratePglite(open.db as any, { migrationsFolder });
    return;
  }
  // Several processes may start at once against one server: one migrates, the
  // others wait on a session advisory lock. Both on a connection of their own,
  // without the pool's statement timeout: waiting for another process's
  // migration, or a migration that rewrites a large table, may take longer
  // than a request ever should.
  const client = postgres(open.url as string, {
    max: 1,
    onnotice: () => {},
    connect_timeout: postgresTimeouts.connectTimeoutSeconds,
  });
  try {
    await client`select pg_advisory_lock(7263011)`;
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the concrete driver type
    await migratePostgres(dbFromPostgres(client) as any, { migrationsFolder });
  } finally {
    await client`select pg_advisory_unlock(7263011)`.catch(() => {});
    await client.end({ timeout: 5 });
  }
}

/**
 * True when the database already has the newest migration in drizzle/: one
 * read on a connection the process opens anyway. Most starts are restarts,
 * and the migrator would otherwise open a connection of its own, take the
 * lock, and run its DDL (CREATE SCHEMA/TABLE IF NOT EXISTS) on every start.
 * The journal's last `when` is what the migrator itself compares with.
 */
async function isCurrent(open: OpenDatabase): Promise<boolean> {
  const journal = JSON.parse(await readFile(`${migrationsFolder}/meta/_journal.json`, "utf8")) as {
    entries: { when: number }[];
  };
  const newest = Math.max(...journal.entries.map((e) => e.when));
  try {
    const rows = (await open.db.execute(
      sql`select max(created_at) as at from drizzle.__drizzle_migrations`,
    )) as unknown as { rows?: { at: unknown }[] } & { at: unknown }[];
    const at = (rows.rows ?? rows)[0]?.at;
    return at !== null && at !== undefined && Number(at) >= newest;
  } catch {
    // No migrations table yet (a new database): the migrator creates it.
    return false;
  }
}
