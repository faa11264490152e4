// Outage-day traffic, measured with wrk (bench/wrk.ts). Candor runs in its
// own process on Postgres with a real history (bench/seed-history.ts): 10
// components, 300 incidents over the past 90 days (two still open), each with
// a few updates. The yardstick is a plain node:http server in its own process
// returning, from memory, the bytes and headers Candor returned for the same
// request just before (bench/plain-process.ts).
//
// The machine is shared and noisy (±25% between runs of the same server on a
// small VM), and whatever runs second in a pair sees a slightly different
// machine: run Candor first every time and the order shows up as a gap. So
// the order alternates (plain first in odd rounds, Candor first in even ones),
// the ratio is taken within each pair, and the summary is the median of the
// paired ratios, next to each server's CPU time per request (less sensitive
// to what else the machine runs).
// Then the same again while an engineer posts an update every second, so
// renders happen during Candor's runs.
import { join } from "node:path";
import { api, removeDir, tempDir } from "../tests/support/candor-process.ts";
import { benchToken, startCandorOnPostgres } from "./candor-on-postgres.ts";
import { captureRoutes, type Plain, rawBody, startPlain } from "./plain-process.ts";
import type { Benchmark } from "./run.ts";
import { components, seedHistory } from "./seed-history.ts";
import { markdownTable } from "./startup.ts";
import { type Load, type WrkOptions, wrkRunner } from "./wrk.ts";

const threads = Number(process.env.PAGELOAD_THREADS ?? 2);
const connections = Number(process.env.PAGELOAD_CONNECTIONS ?? 50);
const durationS = Number(process.env.PAGELOAD_SECONDS ?? 10);
const rounds = Number(process.env.PAGELOAD_ROUNDS ?? 6);
const incidentCount = Number(process.env.PAGELOAD_INCIDENTS ?? 300);
const paths = (process.env.PAGELOAD_PATHS ?? "/,/api/v2/summary.json").split(",");
const phases = (process.env.PAGELOAD_PHASES ?? "quiet,updates").split(",");
const writeEveryMs = 1000;
/** "info" writes an access line per request, the front thread's hits included (the default, as in production). */
const logLevel = process.env.PAGELOAD_LOG_LEVEL ?? "info";
/** What Chrome sends. */
const acceptEncoding = "gzip, deflate, br, zstd";
const wrkOptions = (seconds: number): WrkOptions => ({
  threads,
  connections,
  seconds,
  headers: { "Accept-Encoding": acceptEncoding },
});

type Row = {
  phase: string;
  round: number;
  path: string;
  plainFirst: boolean;
  candor: Load;
  plain: Load;
  posted: number;
};

export const pageLoad: Benchmark = {
  name: "page-load",
  async run({ log }) {
    log("page-load: starting Postgres and Candor");
    const c = await startCandorOnPostgres({
      LOG_CHANNEL: "off",
      LOG_LEVEL: logLevel,
      PAGE_NAME: "Example Status",
      ...(process.env.PAGELOAD_CANDOR_NODE_OPTIONS ? { NODE_OPTIONS: process.env.PAGELOAD_CANDOR_NODE_OPTIONS } : {}),
    });
    const dir = tempDir("candor-bench-page-");
    const wrk = wrkRunner(dir);
    const rows: Row[] = [];
    const sizes: Record<string, Record<string, number>> = {};
    let plain: Plain | undefined;
    try {
      log(`page-load: seeding ${incidentCount} incidents`);
      const open = await seedHistory(c, incidentCount, log);
      const file = join(dir, "routes.json");
      await captureRoutes(c.candor.baseUrl, paths, acceptEncoding, file);
      const uncompressed: string[] = [];
      for (const path of paths)
        uncompressed.push(`\`${path}\` ${(await rawBody(c.candor.baseUrl, path, "identity")).body.byteLength}`);
      plain = await startPlain(file);
      const candorPid = c.candor.proc.child.pid;
      // Both servers warmed up (JIT, first renders) before anything counts.
      for (const path of paths) {
        log(`page-load: warming up ${path}`);
        await wrk(`${c.candor.baseUrl}${path}`, candorPid, wrkOptions(2));
        await wrk(`${plain.baseUrl}${path}`, plain.pid, wrkOptions(2));
      }
      for (const phase of phases) {
        for (let round = 1; round <= rounds; round++) {
          for (const path of paths) {
            let posted = 0;
            const runCandor = async () => {
              // An engineer posting every second: each post is a change the
              // page must show, so Candor renders during the run.
              const poster = phase === "updates" ? postEverySecond(c.candor.baseUrl, open[0] as string) : null;
              try {
                return await wrk(`${c.candor.baseUrl}${path}`, candorPid, wrkOptions(durationS));
              } finally {
                posted = (await poster?.stop()) ?? 0;
              }
            };
            const runPlain = async (p: Plain) => {
              // The bytes Candor answers now (updates make the JSON grow).
              sizes[`${phase} ${round}`] = await captureRoutes(c.candor.baseUrl, paths, acceptEncoding, file);
              await p.reload();
              return wrk(`${p.baseUrl}${path}`, p.pid, wrkOptions(durationS));
            };
            const plainFirst = round % 2 === 1;
            log(`page-load: ${phase} round ${round} ${path}, ${plainFirst ? "plain first" : "Candor first"}`);
            const bare = plainFirst ? await runPlain(plain) : undefined;
            const candor = await runCandor();
            const second = bare ?? (await runPlain(plain));
            rows.push({ phase, round, path, plainFirst, candor, plain: second, posted });
            log(
              `page-load:   Candor ${Math.round(candor.rps)} req/s, plain ${Math.round(second.rps)} req/s: ${pct(candor, second)}%`,
            );
            log(`page-load:   CPU µs/req by thread: Candor ${threadList(candor)}; plain ${threadList(second)}`);
          }
        }
      }
      return report(rows, sizes, uncompressed);
    } finally {
      plain?.stop();
      await c.close();
      removeDir(dir);
    }
  },
};

/** Posts an update to `incidentId` every second until stopped; stop() resolves to how many were accepted. */
function postEverySecond(baseUrl: string, incidentId: string): { stop: () => Promise<number> } {
  let posted = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      const res = await api(baseUrl, "POST", `/api/v1/incidents/${incidentId}/updates`, {
        key: benchToken,
        body: { message: `Rollback in progress, step ${posted + 1}.`, next_update_in: "PT20M" },
      });
      if (res.status === 201) posted++;
      await new Promise((r) => setTimeout(r, Math.max(0, writeEveryMs - (Date.now() - started))));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return posted;
    },
  };
}

const threadList = (l: Load) =>
  Object.entries(l.threads)
    .filter(([, us]) => us >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => `${name} ${us.toFixed(1)}`)
    .join(", ");
const pct = (a: Load, b: Load) => Math.round((a.rps / b.rps) * 100);
const ms = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(2));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function report(rows: Row[], sizes: Record<string, Record<string, number>>, uncompressed: string[]): string {
  const table = markdownTable(
    [
      "Phase",
      "Round",
      "Path",
      "First",
      "Candor req/s",
      "p50",
      "p99",
      "CPU µs/req",
      "Plain req/s",
      "p50",
      "p99",
      "CPU µs/req",
      "Body bytes",
      "Errors",
      "Of plain",
    ],
    rows.map((r) => [
      r.phase === "updates" ? `updates (${r.posted} posted)` : r.phase,
      String(r.round),
      r.path,
      r.plainFirst ? "plain" : "Candor",
      String(Math.round(r.candor.rps)),
      ms(r.candor.p50),
      ms(r.candor.p99),
      r.candor.cpuUsPerReq.toFixed(1),
      String(Math.round(r.plain.rps)),
      ms(r.plain.p50),
      ms(r.plain.p99),
      r.plain.cpuUsPerReq.toFixed(1),
      String(sizes[`${r.phase} ${r.round}`]?.[r.path] ?? ""),
      String(r.candor.errors + r.plain.errors),
      `${pct(r.candor, r.plain)}%`,
    ]),
    [false, true, false, false, true, true, true, true, true, true, true, true, true, true, true],
  );
  const summary = [...new Set(rows.map((r) => `${r.phase}\n${r.path}`))].map((key) => {
    const [phase, path] = key.split("\n");
    const mine = rows.filter((r) => r.phase === phase && r.path === path);
    const ratios = mine.map((r) => pct(r.candor, r.plain));
    const cpu = (l: (r: Row) => Load) => median(mine.map((r) => l(r).cpuUsPerReq)).toFixed(1);
    return (
      `- ${phase}, \`${path}\`: ${ratios.map((x) => `${x}%`).join(", ")} of the plain server (median ${median(ratios)}%; target at least 80%); ` +
      `CPU per request, median: Candor ${cpu((r) => r.candor)} µs, plain ${cpu((r) => r.plain)} µs`
    );
  });
  return [
    "## Page load on outage day",
    "",
    `wrk ${threads} threads, ${connections} connections, ${durationS} s per row, \`accept-encoding: ${acceptEncoding}\` (as Chrome sends).`,
    `Candor (\`node dist/node.mjs\`, as npm start runs it) on Postgres with ${components.length} components and ${incidentCount} incidents over`,
    "the past 90 days (two open), each with two to four updates. The plain server is node:http in its own process",
    "returning, from memory, the bytes and headers Candor returned for the same request just before its run (brotli body).",
    "Each row is a pair of runs, one server after the other; the order alternates (plain first in odd rounds), and the",
    "summary is the median of the paired ratios. Both servers are started detached (a session of their own), so the",
    "scheduler treats them alike. Latencies in ms; body bytes as sent (compressed); CPU µs/req is the server",
    "process's user + system time (all its threads, from /proc) over the requests wrk completed.",
    `Uncompressed bytes before the run: ${uncompressed.join(", ")}.`,
    `"updates": an engineer posts an update to an open incident every ${writeEveryMs / 1000} s during Candor's run.`,
    `Candor's LOG_LEVEL: ${logLevel}${logLevel === "info" || logLevel === "debug" || logLevel === "trace" ? " (an access line per request, JSON, to a pipe the bench reads and drops, as a log shipper would)" : " (no access lines)"}.`,
    "",
    table,
    "",
    ...summary,
  ].join("\n");
}
