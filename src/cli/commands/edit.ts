import { ok } from "../client.ts";
import { Stopped } from "../errors.ts";
import { ask, choose, confirm } from "../prompts.ts";
import { type Io, session } from "../session.ts";

export const usage = `Usage: candor edit <incident-id> --title <new title> [--json]
       candor edit <incident-id> <update-id> --message <corrected words> [--json]
       candor edit <incident-id> <update-id> --hide [--yes] [--json]

Corrects the words of a posted update, or the incident's title, in place (even once resolved):
the pages, feeds and v2 JSON show them marked as edited, the audit log keeps the original, and
nobody is notified again. The status and the promise line cannot be edited: a change is a new
update. --hide takes an update that should never have been public off the pages (not the first
one). The answer says which channels still carry the old words (an X post cannot be edited
through X's API; an email was sent). At a terminal, without an update id, it offers the updates.`;

/** The channels note every correction answers with, in words. */
function channelsLines(answer: {
  channels_with_old_text: { channel: string; count: number; note: string }[];
  pending_channels: string[];
}) {
  const old = answer.channels_with_old_text.map((c) => `  ${c.channel} (${c.count}): ${c.note}`);
  return [
    ...(old.length ? ["Still carrying the old words:", ...old] : ["No channel had sent the old words."]),
    ...(answer.pending_channels.length
      ? [`Not sent yet, will carry the correction: ${answer.pending_channels.join(", ")}`]
      : []),
  ];
}

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("edit", argv, io, {
    title: { type: "string", short: "t" },
    message: { type: "string", short: "m" },
    hide: { type: "boolean" },
  });
  const [id, given, ...extra] = s.positionals;
  if (!id || extra.length) throw s.usage("expected <incident-id> [<update-id>]");
  const { title, message, hide } = s.values;
  if ([title !== undefined, message !== undefined, hide === true].filter(Boolean).length > 1) {
    throw s.usage("give one of --title, --message or --hide");
  }
  const api = s.api();
  if (title !== undefined || (!given && !message && !hide && !s.interactive)) {
    if (title === undefined) throw s.usage("give --title, or an update id with --message or --hide");
    const edited = await ok(api.PATCH("/api/v1/incidents/{id}", { params: { path: { id } }, body: { title } }));
    s.print(edited, () => [`Title of ${id} is now: ${edited.data.title}`, ...channelsLines(edited)].join("\n"));
    return;
  }
  let updateId = given;
  if (!updateId) {
    if (!s.interactive) throw s.usage("<update-id> is required for --message or --hide");
    const incident = (await ok(api.GET("/api/v1/incidents/{id}", { params: { path: { id } } }))).data;
    updateId = await choose(
      "Which update?",
      incident.updates
        .filter((u) => u.author !== "candor")
        .map((u) => ({
          value: u.id,
          label: u.message.slice(0, 80),
          hint: `${u.id}, ${u.status}, ${u.created_at.slice(11, 16)}Z`,
        })),
    );
  }
  const params = { path: { id, update_id: updateId } };
  if (hide) {
    if (s.interactive && !(await confirm(`Hide ${updateId} from the pages, feeds and v2 JSON?`, false))) {
      throw new Stopped("not hidden");
    }
    const hidden = await ok(api.DELETE("/api/v1/incidents/{id}/updates/{update_id}", { params }));
    s.print(hidden, () => [`Hid ${updateId} of ${id}.`, ...channelsLines(hidden)].join("\n"));
    return;
  }
  const words = message ?? (s.interactive ? await ask("Corrected message") : undefined);
  if (words === undefined) throw s.usage("give --message with the corrected words, or --hide");
  const edited = await ok(
    api.PATCH("/api/v1/incidents/{id}/updates/{update_id}", { params, body: { message: words } }),
  );
  s.print(edited, () => [`Corrected ${updateId}: ${edited.data.message}`, ...channelsLines(edited)].join("\n"));
}
