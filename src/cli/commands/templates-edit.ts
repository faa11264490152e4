import { positionals } from "../args.ts";
import { ok } from "../client.ts";
import { type Io, session } from "../session.ts";
import { templateFields, templateLines, templateOptions } from "../template-fields.ts";

export const usage = `Usage: candor templates edit <name> [--name <new name>] [--title <t>] [--message <m>] [--status <s>]
         [--impact <i>] [--components db=major_outage,...] [--next-update-in 20m] [--json]

Changes the fields given; --components replaces the template's components.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("templates edit", argv, io, templateOptions);
  const [name] = positionals(s.command, s.positionals, ["name"]);
  const body = templateFields(s);
  if (Object.values(body).every((v) => v === undefined)) throw s.usage("give at least one field to change");
  const edited = await ok(s.api().PATCH("/api/v1/templates/{name}", { params: { path: { name } }, body }));
  s.print(edited, () => `Saved template ${templateLines(edited.data)}`);
}
