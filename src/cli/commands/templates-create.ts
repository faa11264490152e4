import { ok } from "../client.ts";
import { type Io, session } from "../session.ts";
import { templateFields, templateLines, templateOptions } from "../template-fields.ts";

export const usage = `Usage: candor templates create --name <name> --message <m> [--title <t>] [--status <status>]
         [--impact <impact>] [--components db=major_outage,api] [--next-update-in 20m] [--json]

Saves a template for \`candor declare --template <name>\` (and updates' "template"): every field
it gives is filled in where a request leaves it out. Components are checked when it is used, so
one deleted since is refused then, by name. Needs incidents:write.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("templates create", argv, io, templateOptions);
  if (s.positionals.length) throw s.usage("templates create takes flags only");
  const { name, message, ...rest } = templateFields(s);
  if (!name || !message) throw s.usage("--name and --message are required");
  const created = await ok(s.api().POST("/api/v1/templates", { body: { name, message, ...rest } }));
  s.print(created, () => `Saved template ${templateLines(created.data)}`);
}
