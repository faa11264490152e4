import { oneOf } from "../args.ts";
import { ok } from "../client.ts";
import { type Io, session } from "../session.ts";
import { shortTime, table } from "../table.ts";

const states = ["upcoming", "active", "open", "past"] as const;

export const usage = `Usage: candor maintenance list [--state upcoming|active|open|past] [--json]

Without --state: all, latest window first.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("maintenance list", argv, io, { state: { type: "string" } });
  const state = oneOf(s.command, "state", s.values.state, states);
  const found = await ok(s.api().GET("/api/v1/maintenances", { params: { query: { state } } }));
  s.print(found, () =>
    table(
      ["id", "status", "starts", "ends", "components", "title"],
      found.data.map((m) => [
        m.id,
        m.status,
        shortTime(m.starts_at),
        shortTime(m.ends_at),
        m.components.map((c) => c.slug).join(",") || "-",
        m.title,
      ]),
    ),
  );
}
