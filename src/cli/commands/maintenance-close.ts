import { positionals } from "../args.ts";
import { ok } from "../client.ts";
import { notifyFlags, quietOption } from "../flags.ts";
import type { Io } from "../session.ts";
import { session } from "../session.ts";

/**
 * Completing and cancelling differ only in the path and the words: one
 * message (optional: Candor words it otherwise), posted on every channel.
 */
export async function closeMaintenance(argv: string[], io: Io, verb: "complete" | "cancel"): Promise<void> {
  const s = session(`maintenance ${verb}`, argv, io, { message: { type: "string", short: "m" }, ...quietOption });
  const [id] = positionals(s.command, s.positionals, ["maintenance-id"]);
  const body = { message: s.values.message, notify: notifyFlags(s) };
  const params = { path: { id } };
  const api = s.api();
  const closed = await ok(
    verb === "complete"
      ? api.POST("/api/v1/maintenances/{id}/complete", { params, body })
      : api.POST("/api/v1/maintenances/{id}/cancel", { params, body }),
  );
  s.print(closed, () => `${closed.data.id} is ${closed.data.status}: ${closed.data.title}\n  ${closed.data.url}`);
}
