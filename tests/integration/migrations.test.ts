// Migrations on a real Postgres server run outside the 5 s statement timeout
// that requests get: a migration that waits (on a lock, or rewriting a large
// table) must finish, not be cancelled half way through a start.
import postgres from "postgres";
import { afterEach, describe, expect, inject, it } from "vitest";
import { type OpenDatabase, openDatabase, postgresTimeouts } from "../../src/db/open-node.ts";

const admin = () => postgres(inject("postgresAdminUrl"), { max: 1, onnotice: () => {} });
let opened: OpenDatabase | undefined;
let blocker: postgres.Sql | undefined;

afterEach(async () => {
  await opened?.close();
  opened = undefined;
  await blocker?.end({ timeout: 1 });
  blocker = undefined;
});

describe("migrations on Postgres", () => {
  it("Should finish a migration that waits longer than the requests' statement timeout", async () => {
    const name = `m_${process.pid}_${Date.now().toString(36)}`;
    const a = admin();
    await a.unsafe(`create database ${name}`);
    await a.end();
    const url = inject("postgresAdminUrl").replace(/\/postgres$/, `/${name}`);

    // Another session holds drizzle's own bookkeeping table for longer than a
    // statement may run, as a long migration in another process would.
    blocker = postgres(url, { max: 1, onnotice: () => {} });
    await blocker`create schema drizzle`;
    await blocker`create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`;
    const holdMs = postgresTimeouts.statementTimeoutMs + 1500;
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const held = blocker.begin(async (tx) => {
      await tx`lock table drizzle.__drizzle_migrations in access exclusive mode`;
      locked();
      await tx`select pg_sleep(${holdMs / 1000})`;
    });
    await isLocked;

    const started = Date.now();
    opened = await openDatabase({ databaseUrl: url });
    const tookMs = Date.now() - started;
    await held;

    expect(tookMs, "the migration waited for the lock").toBeGreaterThan(postgresTimeouts.statementTimeoutMs);
    const [{ n }] = await (opened.sql as postgres.Sql)`
      select count(*)::int as n from information_schema.tables where table_name in ('incidents', 'outbox')`;
    expect(n).toBe(2);
  }, 30_000);
});
