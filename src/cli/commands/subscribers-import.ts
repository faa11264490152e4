import { readFileSync } from "node:fs";
import { positionals } from "../args.ts";
import { ok } from "../client.ts";
import { type Io, session } from "../session.ts";

export const usage = `Usage: candor subscribers import <file.csv | -> [--json]

Imports email subscribers, all or nothing: the header is email,components
(components are slugs separated by spaces or |; none means every incident).
Imported addresses count as confirmed: import only people who agreed to hear
from you. A bad line is refused with its number and nothing is written.
"-" reads the file from standard input. Needs an admin key.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("subscribers import", argv, io, {});
  const [file] = positionals(s.command, s.positionals, ["file.csv"]);
  let csv: string;
  try {
    csv = file === "-" ? await io.stdin() : readFileSync(file, "utf8");
  } catch (err) {
    throw s.usage(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const result = await ok(
    s.api().POST("/api/v1/subscribers/import", {
      body: csv,
      // The file goes as it is: openapi-fetch would send a string body as JSON.
      bodySerializer: (body) => body as string,
      headers: { "content-type": "text/csv; charset=utf-8" },
    }),
  );
  const r = result.data;
  s.print(
    result,
    () =>
      `Imported: ${r.added} added, ${r.reactivated} reactivated, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped.`,
  );
}
