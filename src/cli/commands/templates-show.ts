import { positionals } from "../args.ts";
import { ok } from "../client.ts";
import { type Io, session } from "../session.ts";
import { templateLines } from "../template-fields.ts";

export const usage = `Usage: candor templates show <name> [--json]`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("templates show", argv, io, {});
  const [name] = positionals(s.command, s.positionals, ["name"]);
  const found = await ok(s.api().GET("/api/v1/templates/{name}", { params: { path: { name } } }));
  s.print(found, () => templateLines(found.data));
}
