// End to end: SIGTERM to a real Candor process on the real Postgres server in
// the middle of a 2,000-recipient email fan-out over real SMTP. The process
// must hand the row back and exit within SHUTDOWN_GRACE, and a restarted
// process must finish the fan-out: nobody missed, nobody sent twice. Every
// process group started here is killed afterwards, passed or failed.
import { describe, expect, it } from "vitest";
import { stopGracefully } from "../support/candor-process.ts";
import { emailFanOutFixture } from "../support/email-fan-out.ts";

const adminToken = "e2e-shutdown-admin-token-0123456789";
const total = 2000;
const graceMs = 5000;

const f = emailFanOutFixture({ adminToken, name: "shutdown" });
const start = () => f.start({ SMTP_POOL_SIZE: "3", SHUTDOWN_GRACE: `PT${graceMs / 1000}S` });

describe("graceful shutdown of a real process on Postgres", () => {
  it("Should exit within SHUTDOWN_GRACE on SIGTERM mid-fan-out, and let a restarted process finish it with nobody sent twice", async () => {
    const sql = f.sql;
    const smtp = f.sink;
    const emails = await f.subscribe("stop", total);

    const first = await start();
    const updateId = await f.declare(first);

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
    await f.waitForEmptyOutbox();
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
