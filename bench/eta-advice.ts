// ETA advice: the one query over a ledger of 10,000 ETAs in 90 days (4,000
// resolved incidents), then again with 30,000 more ETAs from the year before
// the window, on Postgres and on PGlite, in process. And what the advice adds
// to a declare: the same declare (major, one component, an ETA an hour ahead,
// the log channel's outbox row) with and without the advice read after it,
// alternating in one run on one database, as the route does it.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { loadConfig } from "../src/config.ts";
import { type OpenDatabase, openDatabase } from "../src/db/open-node.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { adviceAfterEta, adviceLedger, etaAdviceFor } from "../src/services/eta-advice/index.ts";
import { declareIncident } from "../src/services/incidents/index.ts";
import { windowStart } from "../src/services/record/index.ts";
import { percentile } from "../tests/support/log-file.ts";
import { startPostgres } from "../tests/support/postgres-server.ts";
import type { Benchmark } from "./run.ts";
import { seedComponents, seedLedger } from "./seed-ledger.ts";
import { markdownTable } from "./startup.ts";

const samples = 100;
const warmup = 10;
/** Declares of each kind, alternating. */
const declares = 100;

const ms = (v: number) => v.toFixed(2);

async function timed(fn: () => Promise<unknown>, n = samples): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

const row = (what: string, values: number[]) => [
  what,
  ms(percentile(values, 50)),
  ms(percentile(values, 95)),
  ms(Math.max(...values)),
];

let declared = 0;

/**
 * The same declare (major, on api, an ETA an hour ahead, the log channel's
 * outbox row) without and then with the advice read after it, as the route
 * does it: `declares` of each, alternating.
 */
async function declareCost(ctx: ServiceContext, ledger: string): Promise<string[][]> {
  const input = () => ({
    title: `API errors ${++declared}`,
    message: "We are seeing errors on the API and are looking into it.",
    impact: "major" as const,
    components: { api: "major_outage" as const },
    eta: new Date(Date.now() + 3_600_000),
  });
  const without: number[] = [];
  const withAdvice: number[] = [];
  for (let i = 0; i < declares + warmup; i++) {
    let started = performance.now();
    await declareIncident(ctx, input());
    if (i >= warmup) without.push(performance.now() - started);
    started = performance.now();
    await adviceAfterEta(ctx, await declareIncident(ctx, input()));
    if (i >= warmup) withAdvice.push(performance.now() - started);
  }
  return [
    row(`a declare without the advice (${ledger})`, without),
    row(`the same declare with it (${ledger})`, withAdvice),
  ];
}

/** The measures on one database, as table rows. */
async function measure(open: OpenDatabase, log: (line: string) => void): Promise<string[][]> {
  const now = new Date();
  const ctx: ServiceContext = {
    db: open.db,
    config: loadConfig({}),
    clock: () => new Date(),
    actor: { keyId: null, name: "bench" },
    channels: [{ name: "log" }],
  };
  await seedComponents(open.db, now);
  const since = windowStart(now, 90);
  const similar = { impact: "major", componentIds: ["cmp_b0"], startedAt: now };
  const fallback = { impact: "none", componentIds: ["cmp_b0"], startedAt: now };
  const few = await seedLedger(open.db, { prefix: "Br", incidents: 200, fromDaysAgo: 89.5, toDaysAgo: 0.01, now });
  const rows = [
    row(`the query, ${few} ETAs in 90 days`, await timed(() => adviceLedger(ctx, since, similar))),
    ...(await declareCost(ctx, `${few} ETAs`)),
  ];
  const inWindow =
    few + (await seedLedger(open.db, { prefix: "Bw", incidents: 3800, fromDaysAgo: 89.4, toDaysAgo: 0.02, now }));
  log(`${open.kind}: ${inWindow} ETAs in the window`);
  log(`${open.kind}: ${(await etaAdviceFor(ctx, similar)).text}`);
  rows.push(
    row(
      `the query, ${inWindow.toLocaleString("en")} ETAs in 90 days`,
      await timed(() => adviceLedger(ctx, since, similar)),
    ),
    row("the advice: query, rule and words (similar)", await timed(() => etaAdviceFor(ctx, similar))),
    row("the advice, falling back to all", await timed(() => etaAdviceFor(ctx, fallback))),
  );

  rows.push(...(await declareCost(ctx, `${inWindow.toLocaleString("en")} ETAs`)));

  const older = await seedLedger(open.db, { prefix: "Bo", incidents: 12_000, fromDaysAgo: 455, toDaysAgo: 95, now });
  log(`${open.kind}: ${older} older ETAs added`);
  rows.push(
    row(
      `the query, with ${older.toLocaleString("en")} older ETAs behind the window`,
      await timed(() => adviceLedger(ctx, since, similar)),
    ),
  );
  return rows;
}

export const etaAdvice: Benchmark = {
  name: "eta-advice",
  async run({ log }) {
    const header = ["database", "measure", "p50 ms", "p95 ms", "max ms"];
    const rows: string[][] = [];

    const server = await startPostgres();
    try {
      const admin = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
      await admin`create database bench`;
      await admin.end();
      const open = await openDatabase({ databaseUrl: server.url("bench") });
      try {
        for (const r of await measure(open, log)) rows.push(["Postgres", ...r]);
      } finally {
        await open.close();
      }
    } finally {
      server.stop();
    }

    const dir = mkdtempSync(join(tmpdir(), "candor-bench-advice-"));
    try {
      const open = await openDatabase({ dataDir: join(dir, "pglite") });
      try {
        for (const r of await measure(open, log)) rows.push(["PGlite", ...r]);
      } finally {
        await open.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    return [
      "## ETA advice",
      "",
      `${samples} runs of each read after ${warmup} to warm up; ${declares} declares of each kind, alternating, in process. Load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(", ")}.`,
      "",
      markdownTable(header, rows, [false, false, true, true, true]),
    ].join("\n");
  },
};
