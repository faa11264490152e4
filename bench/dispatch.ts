// Declare-to-dispatch latency: from POST /api/v1/incidents returning to the
// log channel's line for that incident being in its file. One real Candor
// process on a Postgres server; incidents are declared one after another, each
// once the previous one's line is in, so no request waits behind another.
//
// Two scenarios on the same process and database:
// - idle engine: a 50 ms pause after each line, so the engine has gone back to
//   sleep when the next declare arrives (the latency an on-call engineer sees);
// - back to back: the next declare is sent as soon as the previous line is in,
//   so it commits while the engine is still finishing the previous delivery.
//
// Two clocks, one machine:
// - the client's: when the response (body read) was back, and when fs.watch
//   on the log file reported the line (which also counts inotify and reading
//   the file back: an upper bound);
// - the engine's: the line's `at`, when delivery of the row began. It can be
//   before the response reaches the client, since the engine is woken when the
//   transaction commits, while the response is still being built and sent.
import { openSync, readSync, watch } from "node:fs";
import { percentile } from "../tests/support/log-file.ts";
import { type CandorOnPostgres, fmt, sleep, startCandorOnPostgres } from "./candor-on-postgres.ts";
import type { Benchmark } from "./run.ts";
import { markdownTable } from "./startup.ts";

const idleCount = 500;
const idlePauseMs = 50;
const backToBackCount = 300;
const warmup = 20;
/** Longer than the engine's 30 s longest sleep, so a missed wake-up shows as a sample, not a failure. */
const lineTimeoutMs = 45_000;
/** A sample slower than this is counted as a stall. */
const stallMs = 1_000;

/** Wall-clock milliseconds with sub-millisecond resolution. */
const wallNow = () => performance.timeOrigin + performance.now();

/** Follows a file that only grows, calling `onLine` with each complete new line and when it was seen. */
function follow(file: string, onLine: (line: string, seenAt: number) => void): () => void {
  const fd = openSync(file, "a+");
  let offset = 0;
  let partial = "";
  const buf = Buffer.alloc(1 << 16);
  const readNew = () => {
    const seenAt = wallNow();
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, offset);
      if (n <= 0) break;
      offset += n;
      partial += buf.toString("utf8", 0, n);
    }
    const end = partial.lastIndexOf("\n");
    if (end < 0) return;
    const complete = partial.slice(0, end);
    partial = partial.slice(end + 1);
    for (const line of complete.split("\n")) if (line) onLine(line, seenAt);
  };
  const watcher = watch(file, readNew);
  readNew();
  return () => watcher.close();
}

type Seen = { at: number; seenAt: number };
type Sample = { requestMs: number; responseToSeenMs: number; responseToAtMs: number; sentToSeenMs: number };

/** Declares `count` incidents one at a time, each after the previous line (and `pauseMs`). */
async function measure(
  c: CandorOnPostgres,
  lines: { wait: (incidentId: string) => Promise<Seen> },
  count: number,
  pauseMs: number,
  label: string,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) {
    const sent = wallNow();
    const { id } = await c.declare({ title: `${label} ${i}`, message: `Declared ${i}.`, next_update_in: "PT1H" });
    const returned = wallNow();
    const seen = await lines.wait(id);
    samples.push({
      requestMs: returned - sent,
      responseToSeenMs: seen.seenAt - returned,
      responseToAtMs: seen.at - returned,
      sentToSeenMs: seen.seenAt - sent,
    });
    if (pauseMs) await sleep(pauseMs);
  }
  return samples;
}

function rowsOf(scenario: string, samples: Sample[]): string[][] {
  const measures: [string, number[]][] = [
    ["request → response", samples.map((s) => s.requestMs)],
    ["response → line in the file", samples.map((s) => s.responseToSeenMs)],
    ["response → delivery began (`at`)", samples.map((s) => s.responseToAtMs)],
  ];
  return measures.map(([name, values]) => [
    scenario,
    name,
    String(values.length),
    fmt(percentile(values, 50)),
    fmt(percentile(values, 99)),
    fmt(Math.max(...values)),
    fmt(Math.min(...values)),
  ]);
}

const stalls = (samples: Sample[]) =>
  samples.filter((s) => s.responseToSeenMs > stallMs).map((s) => s.responseToSeenMs);

export const dispatch: Benchmark = {
  name: "dispatch",
  async run({ log }) {
    log("dispatch: starting Postgres and Candor");
    const c = await startCandorOnPostgres();
    const waiting = new Map<string, (seen: Seen) => void>();
    const early = new Map<string, Seen>();
    const unfollow = follow(c.logFile, (line, seenAt) => {
      const entry = JSON.parse(line) as { incidentId: string; at: string };
      const seen = { at: Date.parse(entry.at), seenAt };
      const resolve = waiting.get(entry.incidentId);
      if (resolve) resolve(seen);
      else early.set(entry.incidentId, seen);
    });
    const lines = {
      wait: (id: string) =>
        new Promise<Seen>((resolve, reject) => {
          const done = early.get(id);
          if (done) {
            early.delete(id);
            return resolve(done);
          }
          const timer = setTimeout(() => {
            waiting.delete(id);
            reject(new Error(`no log line for ${id} in ${lineTimeoutMs} ms`));
          }, lineTimeoutMs);
          waiting.set(id, (s) => {
            clearTimeout(timer);
            waiting.delete(id);
            resolve(s);
          });
        }),
    };
    try {
      log(`dispatch: ${warmup} warm-up declares (not counted)`);
      await measure(c, lines, warmup, idlePauseMs, "Warm-up");
      log(`dispatch: idle engine, ${idleCount} declares, ${idlePauseMs} ms pause after each line`);
      const idle = await measure(c, lines, idleCount, idlePauseMs, "Idle");
      log(`dispatch: back to back, ${backToBackCount} declares, each as soon as the previous line is in`);
      const backToBack = await measure(c, lines, backToBackCount, 0, "Back to back");
      const idleStalls = stalls(idle);
      const b2bStalls = stalls(backToBack);
      log(
        `dispatch: p99 response → line ${fmt(
          percentile(
            idle.map((s) => s.responseToSeenMs),
            99,
          ),
        )} ms idle; ` + `stalls over ${stallMs} ms: ${idleStalls.length} idle, ${b2bStalls.length} back to back`,
      );
      const described = (s: number[]) => (s.length ? `${s.length} (${s.map((v) => fmt(v)).join(", ")} ms)` : "none");
      return [
        "## Declare-to-dispatch latency",
        "",
        "Incidents declared one at a time over HTTP, each once the previous one's log line is in the file; one Candor",
        "process on a local Postgres 15 server, log channel to a file (no delay). **Idle engine**: a",
        `${idlePauseMs} ms pause after each line, so the engine is asleep when the declare arrives (after ${warmup} not`,
        "counted). **Back to back**: no pause, so each declare commits while the engine is finishing the previous",
        "delivery. Client times are the benchmark's clock, read when the response body is in and when fs.watch reports",
        "the line; `at` is the engine's clock when it began the delivery, so it may precede the response (negative).",
        "",
        markdownTable(
          ["Scenario", "Measure", "Samples", "p50 (ms)", "p99 (ms)", "Max (ms)", "Min (ms)"],
          [...rowsOf("idle engine", idle), ...rowsOf("back to back", backToBack)],
          [false, false, true, true, true, true, true],
        ),
        "",
        `Target: p99 < 100 ms from the response to the line. Lines later than ${stallMs} ms after the response: idle`,
        `engine ${described(idleStalls)}; back to back ${described(b2bStalls)}.`,
      ].join("\n");
    } finally {
      unfollow();
      await c.close();
    }
  },
};
