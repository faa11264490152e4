import type { components } from "./generated/api.ts";
import type { Zones } from "./incident-input.ts";
import { bothZones, countdown } from "./time-input.ts";

type Incident = components["schemas"]["Incident"] | components["schemas"]["IncidentSummary"];

/** An incident's promise in words: the ETA and the next update, with countdowns, in both zones. */
export function promiseLines(i: Incident, z: Zones, now: Date): string[] {
  const at = (iso: string) => `${bothZones(new Date(iso), z.pageZone, z.here, now)}, ${countdown(new Date(iso), now)}`;
  if (i.resolved_at) return [`Resolved ${at(i.resolved_at)}`];
  return [
    i.eta ? `ETA: ${at(i.eta)}` : "ETA: unknown (customers are told there is no estimate yet)",
    i.next_update_due_at ? `Next update due: ${at(i.next_update_due_at)}` : "Next update due: none",
  ];
}

/**
 * What `declare`, `update`, `eta` and `resolve` print after posting, with the
 * team's record for the ETA just given when the server sent it (it informs;
 * it changed nothing that was posted).
 */
export function postedLines(verb: string, i: Incident, z: Zones, now: Date, advice?: { text: string } | null): string {
  return [
    `${verb} ${i.id}: ${i.title}`,
    `  ${i.status} · impact ${i.impact}${i.components.length ? ` · ${i.components.map((c) => `${c.slug} ${c.status}`).join(", ")}` : ""}`,
    ...promiseLines(i, z, now).map((l) => `  ${l}`),
    `  ${i.url}`,
    ...(advice ? [`  Your team's record: ${advice.text}`] : []),
  ].join("\n");
}
