import { type ComponentStatus, componentStatuses, type Impact, impacts } from "../domain/components.ts";
import { type IncidentStatus, incidentStatusWords } from "../domain/incidents.ts";
import { oneOf } from "./args.ts";
import { ok } from "./client.ts";
import { type AdviceFor, showEtaAdvice } from "./eta-advice.ts";
import { listFlag, quietOption } from "./flags.ts";
import { ask, askAs, choose, chooseMany, note } from "./prompts.ts";
import type { Session } from "./session.ts";
import { bothZones, parseEta, parseWhen } from "./time-input.ts";

/** The flags `declare` and `update` share (and `eta` and `resolve`, some of them). */
export const incidentOptions = {
  message: { type: "string", short: "m" },
  status: { type: "string", short: "s" },
  impact: { type: "string" },
  components: { type: "string", short: "c" },
  "component-status": { type: "string" },
  eta: { type: "string" },
  "next-update": { type: "string", short: "n" },
  tweet: { type: "string" },
  template: { type: "string" },
  ...quietOption,
} as const;

type Values = { -readonly [K in keyof typeof incidentOptions]?: K extends "quiet" ? string[] : string };
export type InputSession = Pick<Session<Values>, "command" | "values" | "interactive" | "io" | "usage" | "api">;

/** Where the ETA and next-update times are read and said. */
export type Zones = { pageZone: string; here: string };

const statusOptions = <S extends IncidentStatus>(statuses: readonly S[]) =>
  statuses.map((v) => ({ value: v, label: incidentStatusWords[v] }));

export async function askStatus<S extends IncidentStatus>(
  s: InputSession,
  statuses: readonly S[],
  current?: S,
): Promise<S | undefined> {
  const given = oneOf(s.command, "status", s.values.status, statuses);
  if (given || !s.interactive) return given;
  return choose<S>("Status", statusOptions(statuses), current ?? statuses[0]);
}

export async function askImpact(s: InputSession): Promise<Impact | undefined> {
  const given = oneOf(s.command, "impact", s.values.impact, impacts);
  if (given || !s.interactive) return given;
  const picked = await choose(
    "Impact",
    [
      { value: "derive", label: "From the components", hint: "Candor takes the worst status" },
      ...impacts.map((v) => ({ value: v, label: v })),
    ],
    "derive",
  );
  return picked === "derive" ? undefined : (picked as Impact);
}

/**
 * `--components api=major_outage,web` (a bare slug takes --component-status,
 * partial_outage by default), or at a terminal a multi-select from the live
 * list and the status they show. Undefined keeps them as they are.
 */
export async function askComponents(
  s: InputSession,
  ask_: boolean,
): Promise<Record<string, ComponentStatus> | undefined> {
  const fallback =
    oneOf(s.command, "component-status", s.values["component-status"], componentStatuses) ?? "partial_outage";
  if (s.values.components !== undefined) {
    const entries = listFlag(s.values.components).map((item) => {
      const [slug, status] = item.split("=");
      return [slug, oneOf(s.command, "components", status, componentStatuses) ?? fallback] as const;
    });
    return Object.fromEntries(entries);
  }
  if (!s.interactive || !ask_) return undefined;
  const live = await ok(s.api().GET("/api/v1/components"));
  if (live.data.length === 0) return undefined;
  const slugs = await chooseMany(
    "Affected components (space to pick, enter when done)",
    live.data.map((c) => ({ value: c.slug, label: c.name, hint: `${c.slug}, now ${c.status.replaceAll("_", " ")}` })),
  );
  if (slugs.length === 0) return {};
  const status = await choose(
    `What do ${slugs.join(", ")} show?`,
    componentStatuses
      .filter((c) => c !== "operational" && c !== "under_maintenance")
      .map((v) => ({ value: v, label: v.replaceAll("_", " ") })),
    "partial_outage",
  );
  return Object.fromEntries(slugs.map((slug) => [slug, status]));
}

export async function askText(s: InputSession, flag: "message" | "title", value: string | undefined, label: string) {
  if (value !== undefined) return value;
  if (!s.interactive) throw s.usage(`--${flag} is required without a terminal (or with --yes/--json)`);
  return ask(label);
}

/**
 * The ETA: `--eta 45m|2h|15:30|unknown|<timestamp>`, or asked at a terminal
 * and said back in both zones. Undefined keeps the current one (updates only).
 * At a terminal the team's record of similar ETAs is shown first (or, for an
 * ETA given as a flag, before the preview).
 */
export async function askEta(
  s: InputSession,
  z: Zones,
  current: Date | null | undefined,
  mustAsk: boolean,
  advice: AdviceFor,
) {
  const now = s.io.now();
  if (s.values.eta !== undefined) {
    const eta = parseEta(s.values.eta, z.pageZone, now);
    if (eta === undefined)
      throw s.usage(`--eta: give 45m, 2h, 15:30 (${z.pageZone}), unknown or an ISO 8601 timestamp`);
    // Given on the command line at a terminal: the record is still shown before the preview is confirmed.
    if (eta) await showEtaAdvice(s, advice);
    return eta;
  }
  if (!s.interactive || !mustAsk) return undefined;
  await showEtaAdvice(s, advice);
  const keep = current ? `, or "keep" for ${bothZones(current, z.pageZone, z.here, now)}` : "";
  const eta = await askAs<Date | null | "keep">(
    `When will service be back? (45m, 2h, 15:30 ${z.pageZone}, unknown${keep})`,
    (text) => {
      if (current && text === "keep") return "keep";
      const parsed = parseEta(text, z.pageZone, s.io.now());
      return parsed === undefined ? new Error("not a time: try 45m, 2h, 15:30 or unknown") : parsed;
    },
    { placeholder: "unknown" },
  );
  if (eta === "keep") return undefined;
  note(eta ? bothZones(eta, z.pageZone, z.here, now) : "No estimate: customers are told so honestly.", "ETA");
  return eta;
}

/** The next update: `--next-update 20m|15:30|<timestamp>` as the API's next_update_in or next_update_at. */
export async function askNextUpdate(s: InputSession, z: Zones) {
  const text =
    s.values["next-update"] ??
    (s.interactive
      ? await askAs(
          `Next update in (20m, 1h, or a time such as 15:30 ${z.pageZone})`,
          (t) => (parseWhen(t, z.pageZone, s.io.now()) ? t : new Error("not a time: try 20m, 1h or 15:30")),
          { initial: "30m" },
        )
      : undefined);
  if (text === undefined) return {};
  const when = parseWhen(text, z.pageZone, s.io.now());
  if (!when) throw s.usage(`--next-update: give 20m, 1h, 15:30 (${z.pageZone}) or an ISO 8601 timestamp`);
  return when.kind === "in"
    ? { next_update_in: `PT${Math.round(when.ms / 1000)}S`, at: when.at }
    : { next_update_at: when.at.toISOString(), at: when.at };
}
