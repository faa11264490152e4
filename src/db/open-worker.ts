import postgres from "postgres";
import { type Db, dbFromPostgres } from "./client.ts";

export type WorkerDatabase = {
  db: Db;
  sql: postgres.Sql;
  /** Ends the client; the Worker entry hands this to ctx.waitUntil. */
  close(): Promise<void>;
};

/**
 * A postgres.js client for one Worker invocation, through Hyperdrive (which
 * pools the real connections). Sockets cannot outlive the request that
 * opened them, so every fetch and every cron pass opens its own and closes
 * it. No PGlite, no migrations, no file system: Node migrates (open-node.ts).
 *
 * `max` stays small: an invocation may hold 6 connections at once, and the
 * SMTP pool, X and webhooks need some of them.
 */
export function openWorkerDatabase(connectionString: string, options: { max?: number } = {}): WorkerDatabase {
  const sql = postgres(connectionString, {
    max: options.max ?? 2,
    // Skips the pg_type round trip on every new client; drizzle parses text[] itself.
    fetch_types: false,
    onnotice: () => {},
  });
  return { db: dbFromPostgres(sql), sql, close: () => sql.end({ timeout: 5 }) };
}
