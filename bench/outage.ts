// Serving through a database outage: the real Candor process on a Postgres
// server of its own, which is stopped (pg_ctl stop -m fast) and started again
// while Candor runs. Measured per outage:
//   - reads of `/` and `/api/v2/summary.json` during the outage (one at a
//     time, every 100 ms, as readers refreshing would), p50/p99/max and how
//     many were not 200;
//   - writes during the outage: the time to the 503;
//   - recovery: from `pg_ctl start` returning (the server accepts connections)
//     to the first write answered 201, writes sent every 50 ms.
// A request is given up after 10 s (counted as failed, at 10 s).
//
// OUTAGE_BASELINE=/path/to/other/checkout also measures that checkout's
// src/entry/node.ts the same way (for a before/after in one session).
import { join } from "node:path";
import postgres from "postgres";
import { api, killGroup, removeDir, startCandor, tempDir } from "../tests/support/candor-process.ts";
import { freePort, type PostgresServer, startPostgres } from "../tests/support/postgres-server.ts";
import type { Benchmark } from "./run.ts";

const token = "bench-outage-admin-token-0123456789";
const giveUpMs = 10_000;
const readsPerPath = 100;
const writesDuringOutage = 10;
/** The baseline may hang on every request: fewer of them keep the run short. */
const baselineReads = 20;
const baselineWrites = 3;
/** Readers come back every 100 ms (per path), as in the issue's trial, so an outage lasts past any cache TTL. */
const readPaceMs = 100;

type Timed = { status: number; ms: number; text: string };

async function timed(url: string, init?: RequestInit): Promise<Timed> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(giveUpMs) });
    const text = await res.text();
    return { status: res.status, ms: performance.now() - started, text };
  } catch {
    return { status: 0, ms: performance.now() - started, text: "" };
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function summary(samples: Timed[]): { p50: number; p99: number; max: number; failed: number } {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    p50: quantile(ms, 0.5),
    p99: quantile(ms, 0.99),
    max: ms[ms.length - 1],
    failed: samples.filter((s) => s.status !== 200).length,
  };
}

type Result = {
  label: string;
  reads: Record<string, Timed[]>;
  bannered: number;
  writes: Timed[];
  recoveryMs: number[];
};

async function measure(
  label: string,
  entry: string,
  counts: { outages: number; reads: number; writes: number },
  log: (line: string) => void,
): Promise<Result> {
  const { outages } = counts;
  const server: PostgresServer = await startPostgres();
  const dir = tempDir("candor-bench-outage-");
  const admin = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
  await admin`create database bench`;
  await admin.end();
  const node = join(process.cwd(), "node_modules", ".bin", "node");
  const candor = await startCandor(
    {
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATA_DIR: dir,
      DATABASE_URL: server.url("bench"),
      CANDOR_ADMIN_TOKEN: token,
      LOG_CHANNEL: "off",
    },
    [node, "--max-semi-space-size=16", "--max-old-space-size=256", entry],
  );
  const result: Result = {
    label,
    reads: { "/": [], "/api/v2/summary.json": [] },
    bannered: 0,
    writes: [],
    recoveryMs: [],
  };
  const write = (title: string) =>
    timed(`${candor.baseUrl}/api/v1/incidents`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title, message: "Bench." }),
    });
  try {
    const declared = await api(candor.baseUrl, "POST", "/api/v1/incidents", {
      key: token,
      body: { title: "Checkout is failing", message: "Looking into it.", next_update_in: "PT1H" },
    });
    if (declared.status !== 201) throw new Error(`declare: ${declared.status} ${declared.text}`);
    for (let outage = 1; outage <= outages; outage++) {
      for (const path of Object.keys(result.reads)) await timed(candor.baseUrl + path);
      // Let the renders reach DATA_DIR, as they would in a running service.
      await new Promise((r) => setTimeout(r, 500));
      server.halt();
      log(`${label}: outage ${outage}: Postgres stopped`);
      for (let i = 0; i < counts.reads; i++) {
        for (const path of Object.keys(result.reads)) {
          const r = await timed(candor.baseUrl + path);
          result.reads[path].push(r);
          if (path === "/" && r.text.includes("could not be refreshed since")) result.bannered++;
        }
        await new Promise((resolve) => setTimeout(resolve, readPaceMs));
      }
      for (let i = 0; i < counts.writes; i++) result.writes.push(await write(`During outage ${outage}.${i}`));
      server.start();
      const back = performance.now();
      for (;;) {
        const r = await write(`After outage ${outage}`);
        if (r.status === 201) break;
        if (performance.now() - back > 60_000)
          throw new Error(`${label}: no write accepted 60 s after Postgres came back`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      result.recoveryMs.push(performance.now() - back);
      log(`${label}: outage ${outage}: writes back after ${Math.round(result.recoveryMs.at(-1) ?? 0)} ms`);
    }
  } finally {
    await killGroup(candor.proc);
    server.stop();
    removeDir(dir);
  }
  return result;
}

const f = (ms: number) => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));

function table(results: Result[]): string {
  const lines = ["| build | path | reads | p50 ms | p99 ms | max ms | not 200 |", "|---|---|---:|---:|---:|---:|---:|"];
  for (const r of results) {
    for (const [path, samples] of Object.entries(r.reads)) {
      const s = summary(samples);
      lines.push(
        `| ${r.label} | \`${path}\` | ${samples.length} | ${f(s.p50)} | ${f(s.p99)} | ${f(s.max)} | ${s.failed} |`,
      );
    }
  }
  lines.push(
    "",
    "| build | `/` with the stale banner | writes: statuses | write p50 ms | write max ms | recovery ms (each outage) |",
  );
  lines.push("|---|---:|---|---:|---:|---|");
  for (const r of results) {
    const statuses = new Map<number, number>();
    for (const w of r.writes) statuses.set(w.status, (statuses.get(w.status) ?? 0) + 1);
    const w = summary(r.writes);
    lines.push(
      `| ${r.label} | ${r.bannered} of ${r.reads["/"].length} | ${[...statuses].map(([s, n]) => `${n}× ${s || "gave up"}`).join(", ")} | ${f(w.p50)} | ${f(w.max)} | ${r.recoveryMs.map(f).join(", ")} |`,
    );
  }
  return lines.join("\n");
}

export const outage: Benchmark = {
  name: "outage",
  async run({ runs, log }) {
    const outages = Math.min(runs, 3);
    const here = { outages, reads: readsPerPath, writes: writesDuringOutage };
    // The bundle npm start runs (ADR 0016).
    const results = [await measure("this build", join(process.cwd(), "dist", "node.mjs"), here, log)];
    const baseline = process.env.OUTAGE_BASELINE;
    if (baseline) {
      const few = { outages: 1, reads: baselineReads, writes: baselineWrites };
      results.push(await measure(baseline, join(baseline, "src", "entry", "node.ts"), few, log));
    }
    return [
      "## Serving through a database outage",
      "",
      `Candor on its own Postgres, stopped with \`pg_ctl stop -m fast\` and started again while it runs (this build: ${outages} outage(s), ${readsPerPath} reads of each path one at a time, every ${readPaceMs} ms, and ${writesDuringOutage} writes per outage; a baseline: 1 outage, ${baselineReads} reads, ${baselineWrites} writes). Recovery is from \`pg_ctl start\` returning to the first write answered 201, writes every 50 ms; a request is given up after ${giveUpMs / 1000} s.`,
      "",
      table(results),
    ].join("\n");
  },
};
