// End to end: SIGTERM to a real Candor process on the real Postgres server in
// the middle of a 2,000-recipient email fan-out over real SMTP. The process
// must hand the row back and exit within SHUTDOWN_GRACE, and a restarted
// process must finish the fan-out: nobody missed, nobody sent twice. Every
// process group started here is killed afterwards, passed or failed.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { api, killAll, removeDir, startCandor, stopGracefully, tempDir, waitFor } from "../support/candor-process.ts";
import { openTestDatabase, sqlOf, type TestDb } from "../support/db.ts";
import { nodeEntry } from "../support/log-file.ts";
import { freePort } from "../support/postgres-server.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";

const adminToken = "e2e-shutdown-admin-token-0123456789";
const total = 2000;
const graceMs = 5000;

let db: TestDb | undefined;
let dir: string | undefined;
let sink: SmtpSink | undefined;

beforeEach(async () => {
  db = await openTestDatabase("postgres");
  dir = tempDir("candor-e2e-shutdown-");
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

async function start() {
  return startCandor(
    {
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATA_DIR: dir as string,
      DATABASE_URL: db?.url as string,
      CANDOR_ADMIN_TOKEN: adminToken,
      PUBLIC_URL: "https://status.example.com",
      LOG_CHANNEL: "off",
      SMTP_URL: (sink as SmtpSink).url,
      SMTP_POOL_SIZE: "3",
      SHUTDOWN_GRACE: `PT${graceMs / 1000}S`,
    },
    nodeEntry,
  );
}

describe("graceful shutdown of a real process on Postgres", () => {
  it("Should exit within SHUTDOWN_GRACE on SIGTERM mid-fan-out, and let a restarted process finish it with nobody sent twice", async () => {
    const sql = sqlOf(db);
    const smtp = sink as SmtpSink;
    await sql`
      insert into subscribers (id, type, email, state, component_ids, confirm_requested_at, confirmed_at, created_at, updated_at)
      select 'sub_stop' || lpad(i::text, 5, '0'), 'email', 'stop' || i || '@example.org', 'active', '{}',
        now() - interval '1 day', now() - interval '1 day', now() - interval '1 day', now() - interval '1 day'
      from generate_series(0, ${total - 1}) as i`;
    const emails = Array.from({ length: total }, (_, i) => `stop${i}@example.org`);

    const first = await start();
    const declared = await api(first.baseUrl, "POST", "/api/v1/incidents", {
      key: adminToken,
      body: { title: "API errors", message: "We see errors.", next_update_in: "PT1H" },
    });
    expect(declared.status, declared.text).toBe(201);
    const updateId: string = declared.json.data.updates[0].id;

    await smtp.waitFor(600, 60_000);
    const signalledAt = Date.now();
    const exit = await stopGracefully(first.proc, graceMs + 5000);
    const exitMs = Date.now() - signalledAt;
    const sentByFirst = smtp.count();

    const [row] = await sql`
      select state, attempts, locked_by from outbox where update_id = ${updateId} and channel = 'email'`;
    const [{ n: recorded }] = await sql`
      select count(*)::int as n from deliveries where update_id = ${updateId} and channel = 'email'`;
    console.log(
      `shutdown test: SIGTERM after ${sentByFirst >= total ? "the end" : "600"} of ${total} emails; ` +
        `exit ${exit.code} in ${exitMs} ms (SHUTDOWN_GRACE ${graceMs} ms); ${sentByFirst} sent and ${recorded} recorded by then`,
    );
    expect(exit.code, first.proc.stderr()).toBe(0);
    expect(exitMs, "exit within SHUTDOWN_GRACE").toBeLessThan(graceMs);
    expect(first.proc.stdout()).toMatch(/SIGTERM received, shutting down/);
    expect(sentByFirst, "the signal must land mid-fan-out").toBeLessThan(total);
    // Handed back, not failed: no attempt used, no claim left behind.
    expect(row).toEqual({ state: "pending", attempts: 0, locked_by: null });
    // Every message the server took is recorded, so the restart sends none of them again.
    expect(recorded).toBe(sentByFirst);

    const second = await start();
    await waitFor("the fan-out to finish", 90_000, async () => {
      const [{ n }] = await sql`select count(*)::int as n from outbox where state <> 'done'`;
      return n === 0 ? true : undefined;
    });
    const secondExit = await stopGracefully(second.proc, graceMs + 5000);
    expect(secondExit.code).toBe(0);

    const counts = smtp.countsByRecipient();
    expect(
      emails.filter((e) => !counts.has(e)),
      "never got it",
    ).toEqual([]);
    expect(
      emails.filter((e) => (counts.get(e) ?? 0) > 1),
      "got it twice",
    ).toEqual([]);
    expect(smtp.count()).toBe(total);
  }, 180_000);
});
