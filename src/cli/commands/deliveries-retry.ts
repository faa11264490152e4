import { positionals } from "../args.ts";
import { ok } from "../client.ts";
import { type Io, session } from "../session.ts";

export const usage = `Usage: candor deliveries retry <delivery-id> [--json]

Sends a dead delivery again (refused unless it is dead). Needs incidents:write.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("deliveries retry", argv, io, {});
  const [idText] = positionals(s.command, s.positionals, ["delivery-id"]);
  const id = Number(idText);
  if (!Number.isInteger(id) || id <= 0) throw s.usage("<delivery-id> is a number, as `candor deliveries list` shows");
  const retried = await ok(s.api().POST("/api/v1/deliveries/{id}/retry", { params: { path: { id } } }));
  s.print(retried, () => `Delivery ${id} (${retried.data.channel}) will be sent again; it is ${retried.data.state}.`);
}
