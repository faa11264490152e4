import { incidentOptions } from "../incident-input.ts";
import { postUpdate } from "../incident-update.ts";
import { type Io, session } from "../session.ts";

export const usage = `Usage: candor resolve <incident-id> --message <m> [--components api=operational] [--tweet <text>]
         [--quiet twitter|email|webhook] [--yes] [--json]

Resolves an open incident. Its components go back to operational (or to what another open
incident still gives them) unless --components says otherwise. Customers are told how long it
took and, if an estimate was missed, by how much. Shows the post first at a terminal.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("resolve", argv, io, incidentOptions);
  for (const flag of ["eta", "next-update", "status"] as const) {
    if (s.values[flag] !== undefined) throw s.usage(`--${flag}: a resolved incident has none`);
  }
  await postUpdate(s, { verb: "Resolve", status: "resolved", asksEta: false, asksAll: false });
}
