import { componentStatuses, impacts } from "../domain/components.ts";
import { incidentStatuses } from "../domain/incidents.ts";
import { parseDuration } from "../lib/duration.ts";
import { oneOf } from "./args.ts";
import { ok } from "./client.ts";
import { listFlag } from "./flags.ts";
import type { components } from "./generated/api.ts";
import type { InputSession } from "./incident-input.ts";
import { spanFlag } from "./page-zone.ts";
import type { Session } from "./session.ts";

type Template = components["schemas"]["Template"];

/** The flags `templates create` and `templates edit` take. */
export const templateOptions = {
  name: { type: "string" },
  title: { type: "string", short: "t" },
  message: { type: "string", short: "m" },
  status: { type: "string", short: "s" },
  impact: { type: "string" },
  components: { type: "string", short: "c" },
  "next-update-in": { type: "string", short: "n" },
} as const;

type Values = { [K in keyof typeof templateOptions]?: string };

/** The fields given as flags, as the API takes them; those not given are left out. */
export function templateFields(s: Pick<Session<Values>, "command" | "values" | "usage">) {
  const v = s.values;
  const components =
    v.components === undefined
      ? undefined
      : Object.fromEntries(
          listFlag(v.components).map((item) => {
            const [slug, status] = item.split("=");
            return [slug, oneOf(s.command, "components", status, componentStatuses) ?? "partial_outage"];
          }),
        );
  return {
    name: v.name,
    title: v.title,
    message: v.message,
    status: oneOf(s.command, "status", v.status, incidentStatuses),
    impact: oneOf(s.command, "impact", v.impact, impacts),
    components,
    next_update_in: v["next-update-in"] === undefined ? undefined : spanFlag(s, "next-update-in", v["next-update-in"]),
  };
}

/** One template in words. */
export function templateLines(t: Template): string {
  const comps = Object.entries(t.components).map(([slug, status]) => `${slug} ${status}`);
  return [
    `${t.name}: ${t.title ?? "(no title: for updates)"}`,
    `  ${[t.status, t.impact && `impact ${t.impact}`, comps.join(", "), t.next_update_in && `next update in ${t.next_update_in}`].filter(Boolean).join(" · ")}`,
    `  ${t.message}`,
  ].join("\n");
}

/**
 * `--template <name>`: reads the template and fills in each flag the command
 * line left out, as if it had been given, so that only what the template
 * lacks is asked for and the preview shows what the server will post. The
 * request still names the template (the server checks its components again).
 */
export async function applyTemplate(s: InputSession & { values: { template?: string; title?: string } }, name: string) {
  const t = (await ok(s.api().GET("/api/v1/templates/{name}", { params: { path: { name } } }))).data;
  const v = s.values;
  v.title ??= t.title ?? undefined;
  v.message ??= t.message;
  v.status ??= t.status ?? undefined;
  v.impact ??= t.impact ?? undefined;
  const components = Object.entries(t.components).map(([slug, status]) => `${slug}=${status}`);
  if (components.length) v.components ??= components.join(",");
  const nextMs = t.next_update_in ? parseDuration(t.next_update_in) : null;
  if (nextMs !== null) v["next-update"] ??= `${Math.round(nextMs / 1000)}s`;
}
