// Runs the benchmarks: `npm run bench` (builds the templates once, then this).
// Each benchmark prints a markdown section and writes it to
// bench/results/<name>.md (gitignored). `npm run bench -- startup` runs only
// the named ones. BENCH_RUNS sets the runs per measure (default 5).
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "./bundle.ts";
import { chatFanout } from "./chatfanout.ts";
import { cli } from "./cli.ts";
import { crashTakeover } from "./crash-takeover.ts";
import { dispatch } from "./dispatch.ts";
import { etaAdvice } from "./eta-advice.ts";
import { fanout } from "./fanout.ts";
import { listen } from "./listen.ts";
import { maintenanceStarts } from "./maintenance.ts";
import { outage } from "./outage.ts";
import { pageLoad } from "./page-load.ts";
import { punctuality } from "./punctuality.ts";
import { punctualityLoad } from "./punctuality-load.ts";
import { startup } from "./startup.ts";

export type Benchmark = {
  name: string;
  /** Returns the markdown to print and keep. */
  run(options: { runs: number; log: (line: string) => void }): Promise<string>;
};

const benchmarks: Benchmark[] = [
  startup,
  punctuality,
  punctualityLoad,
  maintenanceStarts,
  dispatch,
  fanout,
  chatFanout,
  crashTakeover,
  pageLoad,
  bundle,
  outage,
  listen,
  etaAdvice,
  cli,
];

function runsFromEnv(): number {
  const text = process.env.BENCH_RUNS ?? "5";
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`Invalid BENCH_RUNS: must be a whole number of at least 1 (got "${text}")`);
    process.exit(1);
  }
  return runs;
}

function machine(): string {
  const gib = (totalmem() / 2 ** 30).toFixed(1);
  return `Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? "unknown"}), ${gib} GiB RAM, ${process.platform} ${process.arch}`;
}

const runs = runsFromEnv();
const only = process.argv.slice(2);
const unknown = only.filter((n) => !benchmarks.some((b) => b.name === n));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(", ")}; known: ${benchmarks.map((b) => b.name).join(", ")}`);
  process.exit(1);
}
const outDir = fileURLToPath(new URL("./results/", import.meta.url));
mkdirSync(outDir, { recursive: true });

for (const bench of benchmarks.filter((b) => only.length === 0 || only.includes(b.name))) {
  const body = await bench.run({ runs, log: (line) => console.error(line) });
  const text = `${body}\n\n${new Date().toISOString()} · ${machine()}\n`;
  const file = join(outDir, `${bench.name}.md`);
  writeFileSync(file, text);
  console.log(text);
  console.log(`Written to ${file}`);
}
