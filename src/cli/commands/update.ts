import { incidentOptions } from "../incident-input.ts";
import { postUpdate } from "../incident-update.ts";
import { type Io, session } from "../session.ts";

export const usage = `Usage: candor update <incident-id> --message <m> [--status identified|...] [--impact <impact>]
         [--components api=degraded_performance,...] [--eta 45m|2h|15:30|unknown] [--next-update 20m|15:30]
         [--template <name>] [--tweet <text>] [--quiet twitter|email|webhook] [--yes] [--json]

Posts an update to an open incident. At a terminal it asks for what is missing (the incident from
the open ones, the status, the message, the ETA, keeping the current one if you like, and the next
update), shows what customers will get and asks to confirm. Without --eta the ETA is kept.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("update", argv, io, incidentOptions);
  await postUpdate(s, { verb: "Update", asksEta: true, asksAll: true });
}
