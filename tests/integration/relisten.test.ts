// LISTEN across a Postgres outage, on a server of this file's own that is
// stopped and started with pg_ctl. What this shows of postgres.js 3.4: when
// its listening connection drops it queues LISTEN again, and with the Node
// entry's settings (a flat 0.1 s reconnect pause) that query waits through
// the outage and runs once the server is back, so the subscription returns
// by itself (with the default back-off, only up to 20 s later).
// relistener.renew(), which the Node entry calls when the database is back
// anyway, must then leave exactly one subscription, not two.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { relistener } from "../../src/entry/relisten.ts";
import { type PostgresServer, startPostgres } from "../support/postgres-server.ts";
import { sleep, waitUntil } from "../support/wait.ts";

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.stop());

/** A client configured as the Node entry's (short connect timeout, flat reconnect pause). */
const client = () =>
  postgres(server.url("postgres"), { max: 2, onnotice: () => {}, connect_timeout: 1.5, backoff: () => 0.1 });

/** Sends one NOTIFY from a connection of its own (another process, as far as the listener knows). */
async function notify(channel: string) {
  const other = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
  try {
    await other`select pg_notify(${channel}, '')`;
  } finally {
    await other.end();
  }
}

describe("LISTEN across a Postgres outage", () => {
  it("Should get the LISTEN back by itself after a 3 s outage, and keep exactly one subscription after renew()", async () => {
    const sql = client();
    try {
      const outbox = relistener(sql, "candor_test");
      let wakes = 0;
      await outbox.listen(() => wakes++);
      await notify("candor_test");
      await waitUntil("the first NOTIFY", 5_000, () => wakes === 1);

      server.halt();
      // postgres.js queues its LISTEN again as the connection drops; the server is down then.
      await sleep(3_000);
      server.start();
      await waitUntil("a NOTIFY after the restart, through postgres.js's own LISTEN", 10_000, async () => {
        await notify("candor_test");
        await sleep(100);
        return wakes >= 2;
      });

      await outbox.renew();
      const before = wakes;
      await notify("candor_test");
      await waitUntil("a NOTIFY after renew()", 5_000, () => wakes === before + 1);
      await sleep(300);
      expect(wakes, "one subscription, not two").toBe(before + 1);
    } finally {
      await sql.end({ timeout: 1 });
    }
  }, 60_000);

  it("Should keep one subscription when renew() follows a LISTEN that never dropped", async () => {
    const sql = client();
    try {
      const outbox = relistener(sql, "candor_test_two");
      let wakes = 0;
      const stop = await outbox.listen(() => wakes++);
      await outbox.renew();
      await notify("candor_test_two");
      await waitUntil("a NOTIFY", 5_000, () => wakes === 1);
      await sleep(300);
      expect(wakes).toBe(1);
      await stop();
      await notify("candor_test_two");
      await sleep(300);
      expect(wakes).toBe(1);
    } finally {
      await sql.end({ timeout: 1 });
    }
  }, 60_000);
});
