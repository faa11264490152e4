import type { AffectedComponent, Incident, IncidentUpdate } from "../../db/models.ts";
import { xmlText } from "../../domain/feeds.ts";
import type { UpdateKind } from "../../domain/incidents.ts";
import { automaticKinds, statusLabel } from "../../domain/maintenance.ts";
import { render } from "../index.ts";
import { formatTime } from "../time.ts";
import { describeWindow } from "../window.ts";

/** An incident or maintenance as a feed carries it. */
export type FeedIncident = Incident & {
  /** When its latest update was posted: what orders and dates the feed. */
  latestAt: Date;
  /** Every update, newest first. */
  updates: IncidentUpdate[];
  components: AffectedComponent[];
};

/** The words customers read about what was promised next, as on the page. */
function promiseLine(i: { eta: Date | null; nextUpdateDueAt: Date | null }, tz: string): string {
  const parts: string[] = [];
  if (i.eta) parts.push(`We expect service back by ${formatTime(i.eta, tz)}.`);
  if (i.nextUpdateDueAt) parts.push(`Next update by ${formatTime(i.nextUpdateDueAt, tz)}.`);
  return parts.join(" ");
}

/**
 * The same for a maintenance: nothing before the work (the window is the
 * promise), then the planned end, said plainly once it has passed.
 */
function maintenancePromiseLine(m: FeedIncident, now: Date, tz: string): string {
  if (m.status === "scheduled") return "";
  const parts: string[] = [];
  const end = m.scheduledUntil;
  if (end && end.getTime() <= now.getTime()) {
    parts.push(`This work is running past its planned end of ${formatTime(end, tz)}.`);
  } else if (m.eta) parts.push(`We expect to finish by ${formatTime(m.eta, tz)}.`);
  if (m.nextUpdateDueAt && m.nextUpdateDueAt.getTime() !== m.eta?.getTime())
    parts.push(`Next update by ${formatTime(m.nextUpdateDueAt, tz)}.`);
  return parts.join(" ");
}

/**
 * The HTML a reader shows for one incident. Handlebars escapes the incident's
 * words here, and the feed template escapes this whole HTML once more, since
 * in XML it is text: after XML parsing a reader gets HTML whose user text is
 * still escaped, so `<script>` is shown, never run.
 *
 * @example entryHtml(incident, now, "UTC") // "<p><strong>Investigating</strong> …"
 */
export function entryHtml(incident: FeedIncident, now: Date, tz: string): string {
  if (incident.kind === "maintenance") return maintenanceHtml(incident, now, tz);
  const open = !incident.resolvedAt;
  return render("feeds/entry.html", {
    status: incident.status,
    impactLabel: incident.impact.charAt(0).toUpperCase() + incident.impact.slice(1),
    started: formatTime(incident.startedAt, tz, true),
    resolved: incident.resolvedAt ? formatTime(incident.resolvedAt, tz, true) : null,
    titleEdited: incident.titleEditedAt ? formatTime(incident.titleEditedAt, tz, true) : null,
    recorded: incident.recordedAt ? formatTime(incident.recordedAt, tz, true) : null,
    promise: open ? promiseLine(incident, tz) : "",
    components: incident.components.map((c) => ({ name: xmlText(c.name), status: c.status })),
    updates: incident.updates.map((u) => ({
      status: u.status,
      at: formatTime(u.createdAt, tz, true),
      automatic: automaticKinds.has(u.kind as UpdateKind),
      edited: u.editedAt ? formatTime(u.editedAt, tz, true) : null,
      lines: xmlText(u.body).split(/\r\n|\r|\n/),
    })),
  });
}

/**
 * A maintenance's entry: its status in words, the window, when it started and
 * ended, and each update with the promise it carried (the window, the finish
 * time), escaped as entryHtml's are.
 */
function maintenanceHtml(m: FeedIncident, now: Date, tz: string): string {
  const began = m.status !== "scheduled" && m.status !== "cancelled";
  return render("feeds/entry.html", {
    maintenance: true,
    statusLabel: statusLabel(m.status),
    window: m.scheduledFor && m.scheduledUntil ? describeWindow(m.scheduledFor, m.scheduledUntil, tz) : null,
    started: began ? formatTime(m.startedAt, tz, true) : null,
    resolved: m.resolvedAt ? formatTime(m.resolvedAt, tz, true) : null,
    endedWord: m.status === "cancelled" ? "cancelled" : "completed",
    promise: m.resolvedAt ? "" : maintenancePromiseLine(m, now, tz),
    components: m.components.map((c) => ({ name: xmlText(c.name), status: c.status })),
    updates: m.updates.map((u) => ({
      statusLabel: statusLabel(u.status),
      at: formatTime(u.createdAt, tz, true),
      automatic: automaticKinds.has(u.kind as UpdateKind),
      lines: xmlText(u.promise ? `${u.body}\n${u.promise}` : u.body).split(/\r\n|\r|\n/),
    })),
  });
}
