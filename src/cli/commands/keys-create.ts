import { type Scope, scopes } from "../../domain/scopes.ts";
import { oneOf } from "../args.ts";
import { ok } from "../client.ts";
import { ask, chooseMany } from "../prompts.ts";
import { type Io, required, session } from "../session.ts";

export const usage = `Usage: candor keys create --name <name> --scope <scope> [--scope <scope>...] [--json]

Scopes: ${scopes.join(", ")}.
The key is printed once; Candor keeps only its hash. Needs an admin key.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("keys create", argv, io, {
    name: { type: "string" },
    scope: { type: "string", multiple: true },
  });
  const name = required(s, s.values.name, "name") ?? (await ask("Name", { placeholder: "pagerduty bot" }));
  const given = (s.values.scope ?? []).map((v) => oneOf(s.command, "scope", v, scopes) as Scope);
  const chosen = given.length
    ? given
    : (required(s, undefined, "scope") ??
      (await chooseMany(
        "Scopes",
        scopes.map((v) => ({ value: v, label: v })),
      )));
  const created = await ok(s.api().POST("/api/v1/api-keys", { body: { name, scopes: chosen } }));
  s.print(created, () =>
    [
      `Created ${created.data.id} (${created.data.name}: ${created.data.scopes.join(", ")}).`,
      `Key (shown once): ${created.key}`,
    ].join("\n"),
  );
}
