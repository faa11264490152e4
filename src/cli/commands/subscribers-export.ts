import { writeFileSync } from "node:fs";
import { ok } from "../client.ts";
import { type Io, session } from "../session.ts";

export const usage = `Usage: candor subscribers export [--output <file.csv>] [--json]

Writes the active email subscribers as CSV (to standard output, or to the
file), in the form \`candor subscribers import\` takes back. With --json, the
CSV is given as {"csv": ..., "rows": n}. Needs subscribers:read.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("subscribers export", argv, io, { output: { type: "string", short: "o" } });
  if (s.positionals.length) throw s.usage("subscribers export takes no arguments (use --output <file>)");
  const csv = await ok(s.api().GET("/api/v1/subscribers/export", { parseAs: "text" }));
  const rows = Math.max(0, csv.split("\n").filter(Boolean).length - 1);
  if (s.values.output) {
    writeFileSync(s.values.output, csv, { mode: 0o600 });
    s.print({ output: s.values.output, rows }, () => `Wrote ${rows} subscribers to ${s.values.output}.`);
  } else if (s.json) s.print({ csv, rows }, () => csv);
  else io.stdout(csv);
}
