import { positionals } from "../args.ts";
import { ok } from "../client.ts";
import { Stopped } from "../errors.ts";
import { confirm } from "../prompts.ts";
import { type Io, session } from "../session.ts";

export const usage = `Usage: candor keys revoke <key-id> [--yes] [--json]

Revokes the key at once (refused for the last admin key). Asks first at a terminal.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("keys revoke", argv, io, {});
  const [id] = positionals(s.command, s.positionals, ["key-id"]);
  if (s.interactive && !(await confirm(`Revoke ${id}? Anything using it stops working.`, false))) {
    throw new Stopped("not revoked");
  }
  await ok(s.api().DELETE("/api/v1/api-keys/{id}", { params: { path: { id } } }));
  s.print({ id, revoked: true }, () => `Revoked ${id}.`);
}
