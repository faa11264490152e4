// Helpers for tests and benchmarks that run the real process with
// LOG_CHANNEL_FILE: the log channel appends one JSON line per delivery.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./candor-process.ts";

/** The Node entry as `npm start` runs it (the bundle, same flags), without npm in between. */
export const nodeEntry = [
  join(repoRoot, "node_modules", ".bin", "node"),
  "--max-semi-space-size=16",
  "--max-old-space-size=256",
  join(repoRoot, "dist", "start.mjs"),
];

/** One line the log channel wrote: `at` is the engine's clock when the delivery began. */
export type LogLine = { updateId: string; incidentId: string; kind: string; text: string; at: string };

/**
 * The complete lines of a log channel file (a line still being written, with
 * no newline yet, is left out). A missing file has no lines.
 */
export function readLogLines(file: string): LogLine[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, "utf8");
  const end = text.lastIndexOf("\n");
  if (end < 0) return [];
  return text
    .slice(0, end)
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as LogLine);
}

/** How many times each update id appears. */
export function countByUpdate(lines: LogLine[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.updateId, (counts.get(l.updateId) ?? 0) + 1);
  return counts;
}

/** Runs `work` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>) {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
