// Maintenance starts: how late the engine starts scheduled maintenance. 300
// maintenances scheduled through the API in one real Candor process on a
// Postgres server, starting 100 ms apart over 30 s, from 65 s after the first
// is scheduled (the API refuses a start under a minute ahead). For each,
// lateness is the "started" update's created_at (the engine's clock when it
// posted it, in the transaction that put the components under maintenance)
// less starts_at, and the log channel line's `at` (delivery began) less
// starts_at. The run takes about 100 s and is done once.

import { api } from "../tests/support/candor-process.ts";
import { percentile, readLogLines } from "../tests/support/log-file.ts";
import { benchToken, sleep, startCandorOnPostgres } from "./candor-on-postgres.ts";
import type { Benchmark } from "./run.ts";
import { markdownTable } from "./startup.ts";

const count = 300;
const stepMs = 100;
const aheadMs = 65_000;

const fmt = (ms: number) => String(Math.round(ms));

export const maintenanceStarts: Benchmark = {
  name: "maintenance",
  async run({ log }) {
    log("maintenance: starting Postgres and Candor");
    const c = await startCandorOnPostgres();
    try {
      const base = c.candor.baseUrl;
      const component = await api(base, "POST", "/api/v1/components", {
        key: benchToken,
        body: { slug: "api", name: "API" },
      });
      if (component.status !== 201) throw new Error(`component: ${component.status} ${component.text}`);
      const t0 = Date.now() + aheadMs;
      const due = new Map<string, number>();
      log(`maintenance: scheduling ${count} maintenances starting ${stepMs} ms apart from T0 + 65 s`);
      for (let i = 0; i < count; i++) {
        const at = t0 + i * stepMs;
        const res = await api(base, "POST", "/api/v1/maintenances", {
          key: benchToken,
          body: {
            title: `Maintenance ${i}`,
            message: `Planned work ${i}.`,
            components: ["api"],
            starts_at: new Date(at).toISOString(),
            ends_at: new Date(at + 3_600_000).toISOString(),
            remind_before: null,
          },
        });
        if (res.status !== 201) throw new Error(`schedule: ${res.status} ${res.text}`);
        due.set(res.json.data.id, at);
      }
      const last = t0 + (count - 1) * stepMs;
      log(`maintenance: scheduled; waiting ${Math.round((last - Date.now()) / 1000)} s`);
      const deadline = last + 30_000;
      for (;;) {
        const [{ n }] = await c.sql`select count(*)::int as n from incident_updates where kind = 'started'`;
        const [{ left }] = await c.sql`select count(*)::int as left from outbox where state <> 'done'`;
        if (n === count && left === 0) break;
        if (Date.now() > deadline) throw new Error(`only ${n} of ${count} started 30 s after the last was due`);
        await sleep(500);
      }
      const started = await c.sql<{ incident_id: string; id: string; at: number }[]>`
        select incident_id, id, extract(epoch from created_at)::float8 * 1000 as at
        from incident_updates where kind = 'started'`;
      const ids = new Set(started.map((s) => s.id));
      const toPost = started.map((s) => s.at - (due.get(s.incident_id) as number));
      const toDelivery = readLogLines(c.logFile)
        .filter((l) => ids.has(l.updateId))
        .map((l) => Date.parse(l.at) - (due.get(l.incidentId) as number));
      const early = toPost.filter((v) => v < 0).length;
      if (early) throw new Error(`${early} maintenances started before starts_at`);
      const row = (measure: string, v: number[]) => [
        measure,
        String(v.length),
        fmt(percentile(v, 50)),
        fmt(percentile(v, 99)),
        fmt(Math.max(...v)),
        fmt(Math.min(...v)),
      ];
      return [
        "## Maintenance starts",
        "",
        `${count} scheduled maintenances starting ${stepMs} ms apart over ${(count * stepMs) / 1000} s, one Candor`,
        "process on a local Postgres 15 server, log channel to a file. Lateness after starts_at, on the engine's own",
        "clock: to the started update's created_at (components under maintenance in the same transaction), and to the",
        "log channel line's `at` (delivery began).",
        "",
        markdownTable(
          ["Lateness after starts_at", "Samples", "p50 (ms)", "p99 (ms)", "Max (ms)", "Min (ms)"],
          [row("started update posted (created_at)", toPost), row("delivery began (log line `at`)", toDelivery)],
          [false, true, true, true, true, true],
        ),
        "",
        "Target: started within a second of starts_at (p99 and max < 1000 ms).",
      ].join("\n");
    } finally {
      await c.close();
    }
  },
};
