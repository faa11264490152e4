import type { Config } from "../../config.ts";
import type { IncidentDetail } from "../../db/models.ts";
import type { Impact } from "../../domain/components.ts";
import { statusLabel } from "../../domain/maintenance.ts";
import { tweetUrl } from "../tweet.ts";
import { chromeOf } from "./chrome.ts";
import { shortDuration } from "./durations.ts";
import { ledgerRow } from "./ledger.ts";
import { promiseView } from "./promise.ts";
import { impactViews, maintenanceMark, statusView } from "./status.ts";
import { timeView } from "./times.ts";
import { kindLabel } from "./update-kinds.ts";

/**
 * The data of `/incidents/{id}`: an incident or maintenance with its
 * promise, timeline, components, ETA ledger and X thread.
 *
 * @example render("pages/incident", incidentPageView(incident, now, config))
 */
export function incidentPageView(incident: IncidentDetail, now: Date, config: Config) {
  const tz = config.pageTimezone;
  const maintenance = incident.kind === "maintenance";
  const end = incident.resolvedAt ?? now;
  const window =
    maintenance && incident.scheduledFor && incident.scheduledUntil
      ? {
          starts: timeView(incident.scheduledFor, tz),
          ends: timeView(incident.scheduledUntil, tz, incident.scheduledFor),
        }
      : null;
  return {
    pageName: config.pageName,
    chrome: chromeOf(config, "incident"),
    incident: {
      title: incident.title,
      titleEdited: incident.titleEditedAt ? timeView(incident.titleEditedAt, tz) : null,
      recorded: incident.recordedAt ? timeView(incident.recordedAt, tz) : null,
      statusLabel: statusLabel(incident.status),
      impact: maintenance ? maintenanceMark : impactViews[incident.impact as Impact],
      window,
      notStarted: incident.status === "scheduled",
      cancelled: incident.status === "cancelled",
      endedWord: maintenance ? "completed" : "resolved",
      started: timeView(incident.startedAt, tz),
      resolved: incident.resolvedAt
        ? timeView(incident.resolvedAt, tz, incident.status === "cancelled" ? undefined : incident.startedAt)
        : null,
      duration: shortDuration(end.getTime() - incident.startedAt.getTime()),
      promise: promiseView(incident, incident.etaRevisions, now, tz),
      threadUrl: incident.twitterThreadRootId ? tweetUrl(incident.twitterThreadRootId) : null,
      threadWhat: maintenance ? "maintenance" : "incident",
      components: incident.components.map((x) => ({ name: x.name, ...statusView(x.status) })),
      // Hidden updates are not public; the API still shows them to keys.
      updates: incident.updates
        .filter((u) => !u.hiddenAt)
        .map((u) => ({
          statusLabel: statusLabel(u.status),
          kindLabel: kindLabel(u.kind, maintenance),
          message: u.body,
          promise: maintenance ? u.promise : null,
          at: timeView(u.createdAt, tz),
          edited: u.editedAt ? timeView(u.editedAt, tz, u.createdAt) : null,
          tweetUrl: u.tweetId ? tweetUrl(u.tweetId) : null,
        })),
      ledger: incident.etaRevisions.map((r) => ledgerRow(r, now, tz)),
      ledgerWords: maintenance
        ? { heading: "Our planned end, and how it turned out", column: "Finish by" }
        : { heading: "Our estimates, and how they turned out", column: "Service back by" },
    },
  };
}
