import type { IncidentSummary, IncidentUpdate } from "../../db/models.ts";
import type { StatuspageComponent } from "./components.ts";
import {
  type StatuspageIncident,
  type StatuspageIncidentUpdate,
  statuspageIncident,
  statuspageIncidentUpdate,
} from "./incident.ts";
import { type ReplayedUpdate, replayIncident } from "./replay.ts";
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

/** An update in v2, with Candor's extra: when its words were corrected (Statuspage clients ignore it). */
export type ShapedUpdate = StatuspageIncidentUpdate & { edited_at: string | null };

/** An incident in v2, with Candor's extra: when its name was corrected. */
export type ShapedIncident = StatuspageIncident<ShapedUpdate> & { name_edited_at: string | null };

/** One update as v2 shows it: a correction is its `updated_at`, as on Statuspage, and its `edited_at`. */
function shapeUpdate(replayed: ReplayedUpdate, time: TimeFormat): ShapedUpdate {
  const { editedAt } = replayed.update;
  const shaped = statuspageIncidentUpdate(replayed, time);
  return {
    ...shaped,
    updated_at: editedAt ? time(editedAt) : shaped.updated_at,
    edited_at: editedAt ? time(editedAt) : null,
  };
}

/**
 * An incident as it stands now, naming the live components it affects with
 * their current status. Hidden updates are left out, after the replay, so
 * the changes they made still count for the updates after them.
 *
 * @example shapeIncident(incident, opts).incident_updates[0] // the newest update
 */
export function shapeIncident(i: IncidentWithUpdates, opts: ShapeOptions): ShapedIncident {
  const history = replayIncident(i);
  const shown = history.updates.filter((r) => !r.update.hiddenAt);
  const newest = shown.at(-1)?.update.createdAt;
  const updatedAt = newest && newest > i.updatedAt ? newest : i.updatedAt;
  const affected = i.components.flatMap((c) => opts.componentsById.get(c.id) ?? []);
  const incident = statuspageIncident(
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
    shown.map((u) => shapeUpdate(u, opts.time)).reverse(),
    affected,
  );
  return { ...incident, name_edited_at: i.titleEditedAt ? opts.time(i.titleEditedAt) : null };
}
