import { incidentOptions } from "../incident-input.ts";
import { postUpdate } from "../incident-update.ts";
import { type Io, session } from "../session.ts";

export const usage = `Usage: candor eta <incident-id> <45m|2h|15:30|unknown> --message <m> [--next-update 20m|15:30] [--yes] [--json]

Revises the ETA of an open incident. Customers are told the new estimate against the old one
("We now expect service back by 15:30 UTC, later than our previous estimate of 15:00 UTC.").
The status is kept. At a terminal it asks for what is missing and shows the post first.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("eta", argv, io, incidentOptions);
  const [id, when, ...extra] = s.positionals;
  if (extra.length) throw s.usage('expected <incident-id> <eta>; quote the message (--message "...")');
  if (when !== undefined) {
    if (s.values.eta !== undefined) throw s.usage("give the ETA once (as an argument or --eta)");
    s.values.eta = when;
  }
  if (s.values.eta === undefined && !s.interactive)
    throw s.usage("the new ETA is required: candor eta <incident-id> <eta>");
  await postUpdate({ ...s, positionals: id ? [id] : [] }, { verb: "ETA", asksEta: true, asksAll: false });
}
