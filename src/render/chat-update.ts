import type { IncidentDetail } from "../db/models.ts";
import type { UpdateKind } from "../domain/incidents.ts";
import { automaticKinds } from "../domain/maintenance.ts";
import type { ChatUpdate } from "./chat/index.ts";
import { replayIncident } from "./statuspage/replay.ts";

/** What of an outbound update a chat message needs (OutboundUpdate has all of it). */
export type ChatUpdateSource = {
  seq: number;
  kind: string;
  status: string;
  impact: string;
  incidentTitle: string;
  incidentUrl: string;
  message: string;
  promise: string;
  createdAt: Date;
};

/**
 * The facts a chat message shows for one update: its words, and the
 * components the incident touches with the status each had once this update
 * was posted (replayed from the updates, so a retried delivery tells what was
 * true then, as webhook payloads do). A maintenance's impact reads
 * "maintenance", so the message takes the maintenance colour.
 *
 * @example chatUpdateOf(detail, outbound, { name: "Acme", publicUrl }).automatic // true for a holding update
 */
export function chatUpdateOf(
  detail: IncidentDetail,
  update: ChatUpdateSource,
  page: { name: string; publicUrl: string },
): ChatUpdate {
  const history = replayIncident(detail, update.seq);
  const latestSeq = detail.updates.reduce((m, u) => Math.max(m, u.seq), 0);
  const components: ChatUpdate["components"] = [];
  for (const c of detail.components) {
    // Renamed slugs are not in older changes: the newest update can trust the current status.
    const status = history.statusOf.get(c.slug) ?? (update.seq >= latestSeq ? c.status : undefined);
    if (status) components.push({ name: c.name, status });
  }
  return {
    pageName: page.name,
    pageUrl: page.publicUrl,
    incidentTitle: update.incidentTitle,
    incidentUrl: update.incidentUrl,
    status: update.status,
    impact: detail.kind === "maintenance" ? "maintenance" : update.impact,
    message: update.message,
    promise: update.promise,
    components,
    automatic: automaticKinds.has(update.kind as UpdateKind),
    createdAt: update.createdAt,
  };
}
