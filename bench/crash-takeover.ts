// Crash takeover: how long after a kill -9 the rows a Candor process had
// claimed are claimed again, by a process already running (a standby) or by
// the killed one restarted. Claims are tied to the claimer's database session
// (ADR 0014); before, they waited out a 60 s lease.
//
// Each run: a fresh Postgres and Candor with every log-channel delivery taking
// 60 s (LOG_CHANNEL_DELAY_MS), so the claimed row is still in flight at the
// kill; one incident declared; once their rows are claimed, either a second
// process is started and the first killed (standby), or the first is killed
// and a second started (restart). The delay runs from the kill until no
// pending row is claimed by the dead process. BENCH_RUNS runs of each, at most 3.

import { killGroup } from "../tests/support/candor-process.ts";
import { percentile } from "../tests/support/log-file.ts";
import { sleep, startCandorOnPostgres } from "./candor-on-postgres.ts";
import type { Benchmark } from "./run.ts";
import { markdownTable } from "./startup.ts";

type Mode = "standby" | "restart";

/** One run: the delay from the kill until the dead process's claims are taken, and the second process's start-up. */
async function takeover(mode: Mode): Promise<{ delayMs: number; startupMs: number; rows: number }> {
  const c = await startCandorOnPostgres({ LOG_CHANNEL_DELAY_MS: "60000" });
  try {
    // One incident: the standby stays idle. A standby whose own dispatcher is mid-batch takes over when that batch ends.
    await c.declare({ title: "Crash", message: "Down.", next_update_in: "PT1H" });
    let claimer = "";
    let rows = 0;
    for (const deadline = Date.now() + 30_000; !claimer; await sleep(50)) {
      const [row] = await c.sql<{ by: string; n: number }[]>`
        select locked_by as by, count(*)::int as n from outbox
        where state = 'pending' and locked_by like 'session:%' group by locked_by`;
      if (row) [claimer, rows] = [row.by, row.n];
      if (Date.now() > deadline) throw new Error("no rows claimed under a session within 30 s");
    }
    let startupMs = 0;
    const startSecond = async () => {
      const at = Date.now();
      await c.startAnother();
      startupMs = Date.now() - at;
    };
    if (mode === "standby") await startSecond();
    process.kill(-c.candor.proc.pgid, "SIGKILL");
    const killedAt = Date.now();
    await killGroup(c.candor.proc);
    if (mode === "restart") await startSecond();
    for (const deadline = killedAt + 120_000; ; await sleep(20)) {
      const [{ n }] = await c.sql<{ n: number }[]>`
        select count(*)::int as n from outbox where state = 'pending' and locked_by = ${claimer}`;
      if (n === 0) return { delayMs: Date.now() - killedAt, startupMs, rows };
      if (Date.now() > deadline) throw new Error(`${n} rows still claimed by the dead process after 120 s`);
    }
  } finally {
    await c.close();
  }
}

export const crashTakeover: Benchmark = {
  name: "crash-takeover",
  async run({ runs, log }) {
    const n = Math.min(runs, 3);
    const results: Record<Mode, { delayMs: number; startupMs: number; rows: number }[]> = { standby: [], restart: [] };
    for (let i = 0; i < n; i++) {
      for (const mode of ["standby", "restart"] as const) {
        const r = await takeover(mode);
        log(`crash-takeover: ${mode} run ${i + 1}: ${r.rows} rows taken over ${r.delayMs} ms after the kill`);
        results[mode].push(r);
      }
    }
    const line = (mode: Mode, what: string) => {
      const delays = results[mode].map((r) => r.delayMs);
      return [
        what,
        String(delays.length),
        String(percentile(delays, 50)),
        String(Math.max(...delays)),
        mode === "restart"
          ? String(
              percentile(
                results[mode].map((r) => r.startupMs),
                50,
              ),
            )
          : "-",
      ];
    };
    return [
      "## Crash takeover",
      "",
      "A Candor process on a local Postgres 15 server is killed with SIGKILL while it holds claimed outbox rows",
      "(a log-channel delivery that takes 60 s). Time from the kill until none of its rows is still claimed by it:",
      "claims are tied to the claimer's database session, which Postgres closes with the socket (ADR 0014).",
      "",
      markdownTable(
        ["Who takes over", "Runs", "p50 (ms)", "Max (ms)", "Of which start-up, p50 (ms)"],
        [
          line("standby", "a process already running (looks every 2 s)"),
          line("restart", "the killed process, restarted"),
        ],
        [false, true, true, true, true],
      ),
      "",
      "Before: a 60 s lease, so 60 to 79 s. Target: within 5 s.",
    ].join("\n");
  },
};
