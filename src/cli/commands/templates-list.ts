import { ok } from "../client.ts";
import { type Io, session } from "../session.ts";
import { templateLines } from "../template-fields.ts";

export const usage = `Usage: candor templates list [--json]

The incident templates, by name: what \`candor declare --template <name>\` fills in.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("templates list", argv, io, {});
  if (s.positionals.length) throw s.usage("templates list takes no arguments");
  const found = await ok(s.api().GET("/api/v1/templates"));
  s.print(found, () => (found.data.length ? found.data.map(templateLines).join("\n\n") : "(none)"));
}
