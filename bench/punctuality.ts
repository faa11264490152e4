// Punctuality: how late the engine keeps promises that fall due. 1,000 open
// incidents whose next-update promises fall due spread evenly over 60 s, in
// one real Candor process on a Postgres server. For each incident, lateness
// is the first holding update's created_at (the engine's clock when it posted
// it) less the promised time, and the log channel line's `at` (the engine's
// clock when it began delivering that update) less the promised time.
//
// The API refuses promises under a minute ahead, so the incidents are
// declared with next_update_at = T0 + 60 s + i × 60 ms: the run takes about
// two minutes and is done once (BENCH_RUNS does not apply); its 1,000 samples
// are the distribution.

import { percentile, readLogLines } from "../tests/support/log-file.ts";
import { sleep, startCandorOnPostgres } from "./candor-on-postgres.ts";
import type { Benchmark } from "./run.ts";
import { markdownTable } from "./startup.ts";

const incidents = 1000;
const spreadMs = 60_000;
const stepMs = spreadMs / incidents;
const aheadMs = 60_000;
/** Time to declare them all before the first falls due; declaring takes a few seconds. */
const leadMs = 3_000;

type Row = { measure: string; values: number[] };

/** Both clocks behind these times are JavaScript Dates: whole milliseconds. */
const fmt = (ms: number) => String(Math.round(ms));

function table(rows: Row[]): string {
  return markdownTable(
    ["Lateness after the promised time", "Samples", "p50 (ms)", "p99 (ms)", "Max (ms)", "Min (ms)"],
    rows.map((r) => [
      r.measure,
      String(r.values.length),
      fmt(percentile(r.values, 50)),
      fmt(percentile(r.values, 99)),
      fmt(Math.max(...r.values)),
      fmt(Math.min(...r.values)),
    ]),
    [false, true, true, true, true, true],
  );
}

export const punctuality: Benchmark = {
  name: "punctuality",
  async run({ log }) {
    log("punctuality: starting Postgres and Candor");
    const c = await startCandorOnPostgres();
    try {
      const t0 = Date.now() + leadMs;
      const due = new Map<string, number>();
      log(`punctuality: declaring ${incidents} incidents due from T0 + 60 s, one every ${stepMs} ms`);
      for (let i = 0; i < incidents; i++) {
        const at = t0 + aheadMs + i * stepMs;
        const { id } = await c.declare({
          title: `Punctuality ${i}`,
          message: `Declared ${i}.`,
          next_update_at: new Date(at).toISOString(),
        });
        due.set(id, at);
      }
      const declaredBy = Date.now() - (t0 - leadMs);
      const last = t0 + aheadMs + (incidents - 1) * stepMs;
      log(
        `punctuality: declared in ${declaredBy} ms; waiting until ${Math.round((last - Date.now()) / 1000)} s from now`,
      );
      const deadline = last + 30_000;
      for (;;) {
        const [{ n }] = await c.sql`
          select count(distinct incident_id)::int as n from incident_updates where kind = 'holding'`;
        const [{ left }] = await c.sql`select count(*)::int as left from outbox where state <> 'done'`;
        if (n === incidents && left === 0) break;
        if (Date.now() > deadline)
          throw new Error(`only ${n} of ${incidents} holding updates 30 s after the last was due`);
        await sleep(500);
      }

      const posted = await c.sql<{ incident_id: string; id: string; at: number; late_by_seconds: number | null }[]>`
        select distinct on (incident_id) incident_id, id,
          extract(epoch from created_at)::float8 * 1000 as at, late_by_seconds
        from incident_updates where kind = 'holding'
        order by incident_id, seq`;
      const firstHolding = new Set(posted.map((p) => p.id));
      const toPost = posted.map((p) => p.at - (due.get(p.incident_id) as number));
      const lines = readLogLines(c.logFile).filter((l) => firstHolding.has(l.updateId));
      const toDelivery = lines.map((l) => Date.parse(l.at) - (due.get(l.incidentId) as number));
      if (toDelivery.length !== incidents) throw new Error(`${toDelivery.length} log lines for ${incidents} holdings`);
      const early = toPost.filter((v) => v < 0).length;
      if (early) throw new Error(`${early} holding updates were posted before they were due`);
      const admittedLate = posted.filter((p) => (p.late_by_seconds ?? 0) > 0).length;
      log(`punctuality: p99 to post ${fmt(percentile(toPost, 99))} ms, ${admittedLate} admitted lateness`);

      return [
        "## Punctuality",
        "",
        `${incidents} open incidents whose next-update promises fall due ${stepMs} ms apart over ${spreadMs / 1000} s,`,
        "one Candor process on a local Postgres 15 server, log channel to a file (no delay). Lateness is measured",
        "against the promised next_update_at: to the holding update's created_at, and to the log channel line's `at`",
        "(when delivery began). Both are the engine's own clock, so no client timing enters.",
        "",
        table([
          { measure: "holding update posted (created_at)", values: toPost },
          { measure: "delivery began (log line `at`)", values: toDelivery },
        ]),
        "",
        `Target: p99 < 1000 ms to post. Holding texts admitting lateness (late_by_seconds > 0): ${admittedLate}.`,
      ].join("\n");
    } finally {
      await c.close();
    }
  },
};
