// Startup time: from spawning Candor's Node entry until GET /readyz answers
// 200, and the "ready in N ms" the process reports itself. Both entries: the
// bundle `npm start` runs (dist/start.mjs, ADR 0016), the same with source maps on, and the source it is
// built from (src/entry/node.ts), one after the other in the same run.
//
// node is spawned directly (node_modules/.bin/node, the project's Node 24),
// not through `npm start`: npm adds its own start-up, which is not Candor's.
// The runner builds the templates and the bundle once before any benchmark.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { freePort, startPostgres } from "../tests/support/postgres-server.ts";
import type { Benchmark } from "./run.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const nodeBin = join(root, "node_modules", ".bin", "node");
/** How each entry is started: the bundle with npm start's flags, and the source as before the bundle. */
const entries = [
  { name: "start", args: ["--max-semi-space-size=16", join(root, "dist", "start.mjs")] },
  {
    name: "start, source maps on",
    args: ["--enable-source-maps", "--max-semi-space-size=16", join(root, "dist", "start.mjs")],
  },
  { name: "source", args: ["--max-semi-space-size=16", join(root, "src", "entry", "node.ts")] },
];
let entryArgs = entries[0].args;
/** Node, PGlite's open and an HTTP answer, nothing of Candor's (bench/pglite-floor.ts). */
const floorArgs = [join(root, "bench", "pglite-floor.ts")];
/** How often /readyz is polled while waiting: the resolution of the outside measure. */
const pollMs = 5;
const startTimeoutMs = 60_000;

type Sample = { toReadyMs: number; reportedMs: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["PORT", "HOST", "DATABASE_URL", "DATA_DIR", "PUBLIC_URL", "CANDOR_ADMIN_TOKEN"]) delete env[name];
  return { ...env, ...extra };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await closed;
  clearTimeout(timer);
}

/** One start: spawn, poll /readyz until 200, read the reported time, stop with SIGTERM. */
async function startOnce(env: Record<string, string>): Promise<Sample> {
  const port = await freePort();
  let out = "";
  let err = "";
  const started = performance.now();
  const child = spawn(nodeBin, entryArgs, {
    cwd: root,
    env: childEnv({ ...env, PORT: String(port), HOST: "127.0.0.1" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.setEncoding("utf8").on("data", (c: string) => {
    out += c;
  });
  child.stderr.setEncoding("utf8").on("data", (c: string) => {
    err += c;
  });
  try {
    let toReadyMs: number | undefined;
    while (toReadyMs === undefined) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}\n${out}\n${err}`);
      if (performance.now() - started > startTimeoutMs)
        throw new Error(`not ready in ${startTimeoutMs} ms\n${out}\n${err}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        await res.arrayBuffer();
        if (res.status === 200) toReadyMs = performance.now() - started;
      } catch {
        // Not listening yet.
      }
      if (toReadyMs === undefined) await sleep(pollMs);
    }
    // The listening line is printed before the server handles requests, so it is here by now.
    const reported = out.match(/ready in (\d+) ms/);
    if (!reported) throw new Error(`no "ready in N ms" line\n${out}`);
    return { toReadyMs, reportedMs: Number(reported[1]) };
  } finally {
    await stop(child);
  }
}

export type Stats = { median: number; min: number; max: number };

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

type Scenario = { name: string; samples: Sample[] };

function tempDir(prefix: string) {
  return mkdtempSync(join(tmpdir(), prefix));
}

async function freshPglite(runs: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = tempDir("candor-bench-fresh-");
    try {
      samples.push(await startOnce({ DATA_DIR: dir }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return samples;
}

async function reopenedPglite(runs: number): Promise<{ candor: Sample[]; floor: Sample[] }> {
  const dir = tempDir("candor-bench-reopen-");
  const candorArgs = entryArgs;
  try {
    await startOnce({ DATA_DIR: dir }); // creates and migrates the data dir; not counted
    const candor: Sample[] = [];
    const floor: Sample[] = [];
    // Taken in turn, so that both see the machine as it is at the time.
    for (let i = 0; i < runs; i++) {
      entryArgs = candorArgs;
      candor.push(await startOnce({ DATA_DIR: dir }));
      entryArgs = floorArgs;
      floor.push(await startOnce({ DATA_DIR: dir }));
    }
    return { candor, floor };
  } finally {
    entryArgs = candorArgs;
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(runs: number): Promise<{ empty: Sample[]; migrated: Sample[] }> {
  const server = await startPostgres();
  const admin = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
  const dir = tempDir("candor-bench-pg-");
  try {
    const empty: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      const name = `bench_empty_${i}`;
      await admin.unsafe(`create database ${name}`);
      empty.push(await startOnce({ DATA_DIR: dir, DATABASE_URL: server.url(name) }));
    }
    // bench_empty_0 is migrated now: restarts against it apply nothing.
    const migrated: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      migrated.push(await startOnce({ DATA_DIR: dir, DATABASE_URL: server.url("bench_empty_0") }));
    }
    return { empty, migrated };
  } finally {
    await admin.end();
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (n: number) => String(Math.round(n));

/** A markdown table with padded columns (as biome formats them); numeric columns right-aligned. */
export function markdownTable(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i].length)));
  const cells = (r: string[]) => r.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])));
  const rule = widths.map((w, i) => (rightAligned[i] ? `${"-".repeat(w - 1)}:` : "-".repeat(w)));
  return [header.map((h, i) => h.padEnd(widths[i])), rule, ...rows.map(cells)]
    .map((r) => `| ${r.join(" | ")} |`)
    .join("\n");
}

function table(scenarios: Scenario[]): string {
  const rows: string[][] = [];
  for (const s of scenarios) {
    for (const [measure, values] of [
      ["spawn → /readyz 200", s.samples.map((x) => x.toReadyMs)],
      ['reported "ready in"', s.samples.map((x) => x.reportedMs)],
    ] as const) {
      const st = stats(values);
      rows.push([s.name, measure, String(values.length), ms(st.median), ms(st.min), ms(st.max)]);
    }
  }
  return markdownTable(["Scenario", "Measure", "Runs", "Median (ms)", "Min (ms)", "Max (ms)"], rows, [
    false,
    false,
    true,
    true,
    true,
    true,
  ]);
}

export const startup: Benchmark = {
  name: "startup",
  async run({ runs, log }) {
    const scenarios: Scenario[] = [];
    for (const entry of entries) {
      entryArgs = entry.args;
      log(`startup: ${entry.name}: warm-up start (not counted)`);
      await freshPglite(1);
      log(`startup: ${entry.name}: PGlite, fresh DATA_DIR × ${runs}`);
      const fresh = await freshPglite(runs);
      log(`startup: ${entry.name}: PGlite, reopened DATA_DIR × ${runs}`);
      const { candor: reopened, floor } = await reopenedPglite(runs);
      log(`startup: ${entry.name}: Postgres server, empty and migrated database × ${runs} each`);
      const pg = await onPostgres(runs);
      scenarios.push(
        { name: `${entry.name}: PGlite, fresh DATA_DIR (template copy)`, samples: fresh },
        { name: `${entry.name}: PGlite, reopened DATA_DIR`, samples: reopened },
        { name: `${entry.name}: floor, PGlite's open alone, in turn with the line above`, samples: floor },
        { name: `${entry.name}: Postgres, empty database (migrate)`, samples: pg.empty },
        { name: `${entry.name}: Postgres, migrated database`, samples: pg.migrated },
      );
    }
    return [
      "## Startup",
      "",
      "From spawning the entry (node_modules/.bin/node, no npm) until GET /readyz answers 200: `start` is",
      "`dist/start.mjs` as `npm start` runs it (the bundle, with V8's compile cache in DATA_DIR), `start, source maps on`",
      "the same with --enable-source-maps, `source` is `src/entry/node.ts` (how Candor started before ADR 0016);",
      `polled every ${pollMs} ms; and the "ready in N ms" the process prints, which counts from the process's start`,
      "(performance.now()'s origin) until the server listens. A fresh DATA_DIR starts as a copy of the build's",
      "migrated template (dist/pglite-template). The floor is Node opening the same data directory with PGlite and",
      "answering HTTP, nothing of Candor's (bench/pglite-floor.ts), taken in turn with Candor's reopened starts.",
      "",
      table(scenarios),
    ].join("\n");
  },
};
