import { ok } from "../client.ts";
import { type Io, session } from "../session.ts";
import { shortTime, table } from "../table.ts";

export const usage = `Usage: candor keys list [--json]

Lists API keys (revoked ones too): id, name, prefix, scopes, last use. Needs an admin key.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("keys list", argv, io, {});
  if (s.positionals.length) throw s.usage("keys list takes no arguments");
  const keys = await ok(s.api().GET("/api/v1/api-keys"));
  s.print(keys, () =>
    table(
      ["id", "name", "prefix", "scopes", "last used", "revoked"],
      keys.data.map((k) => [
        k.id,
        k.name,
        k.prefix,
        k.scopes.join(","),
        shortTime(k.last_used_at),
        shortTime(k.revoked_at),
      ]),
    ),
  );
}
