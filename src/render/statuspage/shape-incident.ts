import type { IncidentSummary, IncidentUpdate } from "../../db/models.ts";
import type { StatuspageComponent } from "./components.ts";
import { type StatuspageIncident, statuspageIncident, statuspageIncidentUpdate } from "./incident.ts";
import { replayIncident } from "./replay.ts";
import type { TimeFormat } from "./time.ts";

/** An incident or maintenance with every update, oldest first. */
export type IncidentWithUpdates = IncidentSummary & { updates: IncidentUpdate[] };

/** The page's facts, worked out once per v2 document and shared by its incidents and maintenances. */
export type ShapeOptions = {
  pageId: string;
  publicUrl: string;
  time: TimeFormat;
  componentsById: Map<string, StatuspageComponent>;
};

/**
 * An incident as it stands now, naming the live components it affects with their current status.
 *
 * @example shapeIncident(incident, opts).incident_updates[0] // the newest update
 */
export function shapeIncident(i: IncidentWithUpdates, opts: ShapeOptions): StatuspageIncident {
  const history = replayIncident(i);
  const newest = i.updates.at(-1)?.createdAt;
  const updatedAt = newest && newest > i.updatedAt ? newest : i.updatedAt;
  const affected = i.components.flatMap((c) => opts.componentsById.get(c.id) ?? []);
  return statuspageIncident(
    {
      id: i.id,
      title: i.title,
      // A maintenance was created when it was announced; its start is in the window.
      createdAt: i.kind === "maintenance" ? i.updates[0]?.createdAt : undefined,
      startedAt: i.startedAt,
      status: i.status,
      impact: i.impact,
      updatedAt,
      monitoringAt: history.monitoringAt,
      resolvedAt: i.resolvedAt,
      shortlink: `${opts.publicUrl}/incidents/${i.id}`,
      pageId: opts.pageId,
    },
    opts.time,
    history.updates.map((u) => statuspageIncidentUpdate(u, opts.time)).reverse(),
    affected,
  );
}
