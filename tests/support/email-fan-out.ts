// Shared by the e2e tests that interrupt an email fan-out in a real Candor
// process (kill -9, SIGTERM): a Postgres database, a slow SMTP sink and a temp
// DATA_DIR per test, thousands of confirmed subscribers written straight to
// the database, and one incident declared to start the fan-out.
import { afterAll, afterEach, beforeEach, expect } from "vitest";
import { api, killAll, type RunningCandor, removeDir, startCandor, tempDir, waitFor } from "./candor-process.ts";
import { openTestDatabase, sqlOf, type TestDb } from "./db.ts";
import { nodeEntry } from "./log-file.ts";
import { freePort } from "./postgres-server.ts";
import { type SmtpSink, startSmtpSink } from "./smtp-sink.ts";

export type FanOutFixture = {
  readonly db: TestDb;
  readonly sink: SmtpSink;
  readonly sql: ReturnType<typeof sqlOf>;
  /** Starts Candor on this test's database, sink and DATA_DIR (the sink's URL as SMTP_URL, the log channel off). */
  start(env?: Record<string, string>): Promise<RunningCandor>;
  /** Writes `total` confirmed email subscribers `<prefix><i>@example.org`; returns their addresses. */
  subscribe(prefix: string, total: number): Promise<string[]>;
  /** Declares an incident through the API and returns its first update's id (the fan-out's). */
  declare(candor: RunningCandor): Promise<string>;
  /** Waits until no outbox row is left undone. */
  waitForEmptyOutbox(timeoutMs?: number): Promise<void>;
};

/**
 * Registers the hooks (every process group started is killed afterwards,
 * passed or failed) and returns the fixture for the tests of this file.
 *
 * @example const f = emailFanOutFixture({ adminToken: "e2e-...-token", name: "shutdown" });
 */
export function emailFanOutFixture(options: { adminToken: string; name: string }): FanOutFixture {
  let db: TestDb | undefined;
  let dir: string | undefined;
  let sink: SmtpSink | undefined;

  beforeEach(async () => {
    db = await openTestDatabase("postgres");
    dir = tempDir(`candor-e2e-${options.name}-`);
    // A slow server: 5 to 20 ms before each 250, so the fan-out takes seconds.
    sink = await startSmtpSink({ countOnly: true, dataDelayMs: () => 5 + Math.random() * 15 });
  });
  afterEach(async () => {
    await killAll();
    await sink?.close();
    sink = undefined;
    await db?.close();
    db = undefined;
    removeDir(dir);
    dir = undefined;
  });
  afterAll(killAll);

  const fixture: FanOutFixture = {
    get db() {
      return db as TestDb;
    },
    get sink() {
      return sink as SmtpSink;
    },
    get sql() {
      return sqlOf(db);
    },
    async start(env = {}) {
      return startCandor(
        {
          PORT: String(await freePort()),
          HOST: "127.0.0.1",
          DATA_DIR: dir as string,
          DATABASE_URL: db?.url as string,
          CANDOR_ADMIN_TOKEN: options.adminToken,
          PUBLIC_URL: "https://status.example.com",
          PAGE_NAME: "Example Status",
          LOG_CHANNEL: "off",
          SMTP_URL: (sink as SmtpSink).url,
          ...env,
        },
        nodeEntry,
      );
    },
    async subscribe(prefix, total) {
      await fixture.sql`
        insert into subscribers (id, type, email, state, component_ids, confirm_requested_at, confirmed_at, created_at, updated_at)
        select ${`sub_${prefix}`} || lpad(i::text, 5, '0'), 'email', ${prefix} || i || '@example.org', 'active', '{}',
          now() - interval '1 day', now() - interval '1 day', now() - interval '1 day', now() - interval '1 day'
        from generate_series(0, ${total - 1}) as i`;
      return Array.from({ length: total }, (_, i) => `${prefix}${i}@example.org`);
    },
    async declare(candor) {
      const declared = await api(candor.baseUrl, "POST", "/api/v1/incidents", {
        key: options.adminToken,
        body: { title: "API errors", message: "We see errors.", next_update_in: "PT1H" },
      });
      expect(declared.status, declared.text).toBe(201);
      return declared.json.data.updates[0].id as string;
    },
    async waitForEmptyOutbox(timeoutMs = 90_000) {
      await waitFor("the fan-out to finish", timeoutMs, async () => {
        const [{ n }] = await fixture.sql`select count(*)::int as n from outbox where state <> 'done'`;
        return n === 0 ? true : undefined;
      });
    },
  };
  return fixture;
}
