import type { EtaRevision, IncidentSummary } from "../../db/models.ts";
import type { Impact } from "../../domain/components.ts";
import { statusLabel } from "../../domain/maintenance.ts";
import { promiseView } from "./promise.ts";
import { impactViews, statusView } from "./status.ts";
import { timeView } from "./times.ts";
import { kindLabel } from "./update-kinds.ts";

/**
 * One open incident's card on `/`: its impact, the components it affects,
 * its latest word and what it promised next.
 *
 * @example incidentCard(i, ledger, now, "UTC").promise // { eta, next }
 */
export function incidentCard(i: IncidentSummary, ledger: EtaRevision[], now: Date, tz: string) {
  return {
    id: i.id,
    title: i.title,
    titleEdited: i.titleEditedAt ? timeView(i.titleEditedAt, tz, now) : null,
    statusLabel: statusLabel(i.status),
    impact: impactViews[i.impact as Impact],
    started: timeView(i.startedAt, tz, now),
    components: i.components.map((x) => ({ name: x.name, ...statusView(x.status) })),
    latest: i.latestUpdate
      ? {
          message: i.latestUpdate.body,
          kind: kindLabel(i.latestUpdate.kind, false),
          at: timeView(i.latestUpdate.createdAt, tz, now),
          edited: i.latestUpdate.editedAt ? timeView(i.latestUpdate.editedAt, tz, now) : null,
        }
      : null,
    promise: promiseView(i, ledger, now, tz),
  };
}
