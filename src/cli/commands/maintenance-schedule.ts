import { ApiRefusal, Stopped } from "../errors.ts";
import { listFlag, notifyFlags, quietOption } from "../flags.ts";
import { spanFlag, spanMs, whenFlag, zones } from "../page-zone.ts";
import { ask, confirm } from "../prompts.ts";
import { type Io, required, session } from "../session.ts";
import { bothZones } from "../time-input.ts";

export const usage = `Usage: candor maintenance schedule --title <t> --message <m> --components <slug,...>
         --starts <when> (--ends <when> | --for <span>) [--remind-before <span>|none]
         [--allow-peak-hours | --take-suggested] [--quiet <channel>...] [--yes] [--json]

<when> is 45m, 2h, 02:00 (in the page's time zone, the next one to come) or an ISO 8601 timestamp.
With PEAK_HOURS set on the server, a window in peak hours is refused with the nearest
off-peak window of the same length: at a terminal you are offered it; --take-suggested
takes it without asking, --allow-peak-hours schedules in peak hours anyway.`;

export async function run(argv: string[], io: Io): Promise<void> {
  const s = session("maintenance schedule", argv, io, {
    title: { type: "string", short: "t" },
    message: { type: "string", short: "m" },
    components: { type: "string", short: "c" },
    starts: { type: "string" },
    ends: { type: "string" },
    for: { type: "string" },
    "remind-before": { type: "string" },
    "allow-peak-hours": { type: "boolean" },
    "take-suggested": { type: "boolean" },
    ...quietOption,
  });
  const v = s.values;
  if (v.ends && v.for) throw s.usage("give --ends or --for, not both");
  const { pageZone, here } = await zones(s);
  const title = required(s, v.title, "title") ?? (await ask("Title"));
  const message = required(s, v.message, "message") ?? (await ask("Message"));
  const components = listFlag(
    required(s, v.components, "components") ?? (await ask("Components (slugs, comma-separated)")),
  );
  const startsAt = whenFlag(
    s,
    "starts",
    required(s, v.starts, "starts") ?? (await ask(`Starts (02:00 in ${pageZone}, 2h, ...)`)),
    pageZone,
  );
  const endsText = v.ends ?? (v.for ? undefined : required(s, undefined, "ends"));
  const endsAt = v.for
    ? new Date(startsAt.getTime() + spanMs(s, "for", v.for))
    : whenFlag(s, "ends", endsText ?? (await ask(`Ends (04:00 in ${pageZone}, ...)`)), pageZone);
  const remind = v["remind-before"];
  const body = {
    title,
    message,
    components,
    starts_at: startsAt.toISOString(),
    ends_at: endsAt.toISOString(),
    remind_before: remind === undefined ? undefined : remind === "none" ? null : spanFlag(s, "remind-before", remind),
    allow_peak_hours: v["allow-peak-hours"] || undefined,
    notify: notifyFlags(s),
  };
  const api = s.api();
  let answer = await api.POST("/api/v1/maintenances", { body });
  const suggested =
    answer.error && "suggested_window" in answer.error.error ? answer.error.error.suggested_window : null;
  if (answer.response.status === 409 && suggested) {
    const window = `${bothZones(new Date(suggested.starts_at), pageZone, here, io.now())} to ${bothZones(new Date(suggested.ends_at), pageZone, here, io.now())}`;
    io.stderr(`${answer.error?.error.message}\n`);
    const take = v["take-suggested"] || (s.interactive && (await confirm(`Schedule it off-peak instead, ${window}?`)));
    if (take) answer = await api.POST("/api/v1/maintenances", { body: { ...body, ...suggested } });
    else if (s.interactive) throw new Stopped("not scheduled");
  }
  if (!answer.data) throw new ApiRefusal(answer.response.status, answer.error as never);
  const m = answer.data.data;
  s.print(answer.data, () =>
    [
      `Scheduled ${m.id}: ${m.title}`,
      `  ${bothZones(new Date(m.starts_at), pageZone, here, io.now())} to ${bothZones(new Date(m.ends_at), pageZone, here, io.now())}${m.allow_peak_hours ? " (in peak hours)" : ""}`,
      `  ${m.url}`,
    ].join("\n"),
  );
}
