import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import * as schema from "./schema/index.ts";

export { schema };

/** Either driver's database, seen through the common Postgres interface. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

/** Wraps an existing postgres.js client (Node with DATABASE_URL, or Workers via Hyperdrive). */
export function dbFromPostgres(sql: Sql): Db {
  // No relational schema (see openPglite in open-node.ts): every query is built with the query builder.
  return drizzlePostgres(sql) as unknown as Db;
}
