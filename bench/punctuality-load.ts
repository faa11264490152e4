// Punctuality under write load: 200 promises fall due, 150 ms apart over 30 s,
// while 20 concurrent writers declare incidents and post updates as fast as
// the API answers, in one real Candor process on a Postgres server. Every
// write enqueues outbox rows, so the dispatcher never runs dry: a due promise
// must not wait for the queue to empty (issue 14 found 7.6 s late here).
//
// Lateness is the first holding update's created_at (the engine's clock when
// it posted it) less the promised time, and the log channel line's `at` (when
// delivery began) less the promised time. The run takes about two minutes and
// is done once (BENCH_RUNS does not apply); its 200 samples are the distribution.

import { api } from "../tests/support/candor-process.ts";
import { mapLimit, percentile, readLogLines } from "../tests/support/log-file.ts";
import { benchToken, sleep, startCandorOnPostgres } from "./candor-on-postgres.ts";
import type { Benchmark } from "./run.ts";
import { markdownTable } from "./startup.ts";

const promises = 200;
const spreadMs = 30_000;
const stepMs = spreadMs / promises;
/** The API refuses promises under a minute ahead. */
const aheadMs = 60_000;
/** Time to declare the 200 (eight at a time) before the first falls due; ample on a busy 2-core machine. */
const leadMs = 20_000;
const writers = 20;
/** Writers start a second before the first promise and stop a second after the last. */
const writeFromMs = aheadMs - 1_000;
const writeForMs = spreadMs + 2_000;

const fmt = (ms: number) => String(Math.round(ms));

function row(measure: string, values: number[]): string[] {
  return [
    measure,
    String(values.length),
    fmt(percentile(values, 50)),
    fmt(percentile(values, 99)),
    fmt(Math.max(...values)),
  ];
}

/** One writer: declares an incident, posts four updates to it, and again, until `until`. */
async function writer(baseUrl: string, until: number, tally: { ok: number; failed: number; ms: number[] }) {
  let n = 0;
  while (Date.now() < until) {
    const started = Date.now();
    const declared = await api(baseUrl, "POST", "/api/v1/incidents", {
      key: benchToken,
      body: { title: `Load ${n++}`, message: "Writing under load.", next_update_in: "PT1H" },
    });
    tally.ms.push(Date.now() - started);
    if (declared.status !== 201) {
      tally.failed++;
      continue;
    }
    tally.ok++;
    const id: string = declared.json.data.id;
    for (let i = 0; i < 4 && Date.now() < until; i++) {
      const at = Date.now();
      const res = await api(baseUrl, "POST", `/api/v1/incidents/${id}/updates`, {
        key: benchToken,
        body: { message: `Still working on it (${i}).`, next_update_in: "PT1H" },
      });
      tally.ms.push(Date.now() - at);
      if (res.status === 201) tally.ok++;
      else tally.failed++;
    }
  }
}

export const punctualityLoad: Benchmark = {
  name: "punctuality-load",
  async run({ log }) {
    log("punctuality-load: starting Postgres and Candor");
    const c = await startCandorOnPostgres();
    try {
      const t0 = Date.now() + leadMs;
      const due = new Map<string, number>();
      await mapLimit(
        Array.from({ length: promises }, (_, i) => i),
        8,
        async (i) => {
          const at = t0 + aheadMs + i * stepMs;
          const { id } = await c.declare({
            title: `Promise ${i}`,
            message: `Declared ${i}.`,
            next_update_at: new Date(at).toISOString(),
          });
          due.set(id, at);
        },
      );
      if (Date.now() > t0) throw new Error("declaring the promises took longer than the lead time");
      await sleep(t0 + writeFromMs - Date.now());
      log(`punctuality-load: ${writers} writers for ${writeForMs / 1000} s while ${promises} promises fall due`);
      const tally = { ok: 0, failed: 0, ms: [] as number[] };
      const until = Date.now() + writeForMs;
      await Promise.all(Array.from({ length: writers }, () => writer(c.candor.baseUrl, until, tally)));

      const deadline = Date.now() + 60_000;
      for (;;) {
        const [{ n }] = await c.sql`
          select count(distinct incident_id)::int as n from incident_updates where kind = 'holding'`;
        const [{ left }] = await c.sql`select count(*)::int as left from outbox where state <> 'done'`;
        if (n === promises && left === 0) break;
        if (Date.now() > deadline) throw new Error(`only ${n} of ${promises} holding updates a minute after the load`);
        await sleep(500);
      }

      const posted = await c.sql<{ incident_id: string; id: string; at: number }[]>`
        select distinct on (incident_id) incident_id, id, extract(epoch from created_at)::float8 * 1000 as at
        from incident_updates where kind = 'holding'
        order by incident_id, seq`;
      const holdings = new Set(posted.map((p) => p.id));
      const toPost = posted.map((p) => p.at - (due.get(p.incident_id) as number));
      const early = toPost.filter((v) => v < 0).length;
      if (early) throw new Error(`${early} holding updates were posted before they were due`);
      const lines = readLogLines(c.logFile).filter((l) => holdings.has(l.updateId));
      const toDelivery = lines.map((l) => Date.parse(l.at) - (due.get(l.incidentId) as number));
      const writesPerSecond = Math.round(tally.ok / (writeForMs / 1000));
      log(
        `punctuality-load: p99 to post ${fmt(percentile(toPost, 99))} ms, max ${fmt(Math.max(...toPost))} ms; ` +
          `${tally.ok} writes (${writesPerSecond}/s), ${tally.failed} failed`,
      );

      return [
        "## Punctuality under write load",
        "",
        `${promises} open incidents whose next-update promises fall due ${stepMs} ms apart over ${spreadMs / 1000} s,`,
        `while ${writers} concurrent writers declare incidents and post updates for ${writeForMs / 1000} s around them`,
        "(each write enqueues outbox rows, so the dispatcher is never idle). One Candor process on a local",
        "Postgres 15 server, log channel to a file. Lateness against the promised next_update_at, on the engine's clock.",
        "",
        markdownTable(
          ["Lateness after the promised time", "Samples", "p50 (ms)", "p99 (ms)", "Max (ms)"],
          [row("holding update posted (created_at)", toPost), row("delivery began (log line `at`)", toDelivery)],
          [false, true, true, true, true],
        ),
        "",
        `Writes: ${tally.ok} answered 201 (${writesPerSecond} a second), ${tally.failed} did not; write latency ` +
          `p50 ${fmt(percentile(tally.ms, 50))} ms, p99 ${fmt(percentile(tally.ms, 99))} ms.`,
        "Target: p99 < 1000 ms and max < 2000 ms to post.",
      ].join("\n");
    } finally {
      await c.close();
    }
  },
};
