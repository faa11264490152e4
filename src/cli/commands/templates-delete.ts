import { positionals } from "../args.ts";
import { ok } from "../client.ts";
import { Stopped } from "../errors.ts";
import { confirm } from "../prompts.ts";
import { type Io, session } from "../session.ts";

export const usage = `Usage: candor templates delete <name> [--yes] [--json]`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("templates delete", argv, io, {});
  const [name] = positionals(s.command, s.positionals, ["name"]);
  if (s.interactive && !(await confirm(`Delete template ${name}?`, false))) throw new Stopped("not deleted");
  await ok(s.api().DELETE("/api/v1/templates/{name}", { params: { path: { name } } }));
  s.print({ name, deleted: true }, () => `Deleted template ${name}.`);
}
