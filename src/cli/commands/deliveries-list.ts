import { oneOf } from "../args.ts";
import { ok } from "../client.ts";
import { type Io, session } from "../session.ts";
import { shortTime, table } from "../table.ts";

const states = ["pending", "done", "dead"] as const;

export const usage = `Usage: candor deliveries list [--state dead|pending|done] [--limit <n>] [--json]

Deliveries (one per update and channel), newest first; dead ones by default:
those that used up their attempts, retried with \`candor deliveries retry <id>\`.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("deliveries list", argv, io, { state: { type: "string" }, limit: { type: "string" } });
  const state = oneOf(s.command, "state", s.values.state ?? "dead", states);
  const limit = s.values.limit === undefined ? undefined : Number(s.values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
    throw s.usage("--limit must be a positive whole number");
  const found = await ok(s.api().GET("/api/v1/deliveries", { params: { query: { state, limit } } }));
  s.print(found, () =>
    table(
      ["id", "channel", "incident", "kind", "state", "attempts", "run at", "last error"],
      found.data.map((d) => [
        String(d.id),
        d.channel,
        d.incident_id ?? "-",
        d.kind ?? d.topic,
        d.state,
        `${d.attempts}/${d.max_attempts}`,
        shortTime(d.run_at),
        d.last_error ?? "",
      ]),
    ),
  );
}
