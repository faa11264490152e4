import type { OutboundUpdate } from "../channels/types.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { IncidentDetail } from "../db/models.ts";
import { type Impact, impacts } from "../domain/components.ts";
import { AppError } from "../errors.ts";
import { systemActor } from "./context.ts";
import { getIncident } from "./incidents/index.ts";
import {
  type Indicator,
  indicatorDescriptions,
  maintenanceImpact,
  pageIdOf,
  replayIncident,
  type StatuspageIncident,
  type StatuspageIncidentUpdate,
  statuspageIncident,
  statuspageIncidentUpdate,
  statuspageMaintenanceStatus,
} from "./statuspage.ts";

/**
 * The JSON a webhook receives for each public update: Statuspage's incident
 * webhook shape (meta, page, incident with its updates newest first), so that
 * receivers written for Statuspage read it as they are. It describes the
 * incident as it stood when this update was written, even when it is sent
 * later (a retry after newer updates): the newest entry of
 * incident.incident_updates is always the update being delivered.
 *
 * A scheduled maintenance is sent as Statuspage sends one: as an `incident`
 * with Statuspage's maintenance statuses (a cancelled one says "completed",
 * its update's body says it was cancelled), impact "maintenance", and the
 * window in `scheduled_for` and `scheduled_until`.
 */
export type WebhookPayload = {
  meta: { unsubscribe: null; documentation: string; generated_at: string };
  page: {
    id: string;
    name: string;
    url: string;
    /**
     * This incident's impact as of the update, none once it is resolved; for a
     * maintenance, "maintenance" while the work goes on and none otherwise.
     */
    status_indicator: Indicator;
    status_description: string;
  };
  incident: WebhookIncident;
};

export type WebhookIncident = StatuspageIncident<WebhookIncidentUpdate, WebhookComponent> & {
  /**
   * Maintenance only (absent for incidents): the window as it stands when the
   * payload is built, so a retry sent after a rescheduling tells the new one.
   */
  scheduled_for?: string;
  scheduled_until?: string;
};

export type WebhookIncidentUpdate = StatuspageIncidentUpdate & {
  /** The public text with the promise each update carried (ETA or next update), as the channels told it. */
  body: string;
  twitter_updated_at: null;
  /** Candor's additions: the promise this update made. */
  eta: string | null;
  next_update_due_at: string | null;
};

export type WebhookComponent = { id: string; page_id: string; name: string; status: string };

export type PageFacts = { name: string; publicUrl: string };

export { pageIdOf };

/** Webhook payloads keep UTC timestamps, as they always have. */
const utc = (at: Date) => at.toISOString();

/**
 * Builds the payload for `update` from the incident as `getIncident` returns
 * it. Later updates are left out, and component statuses are replayed from
 * the updates' own changes, so a retried delivery tells what was true then.
 */
export function webhookPayload(
  detail: IncidentDetail,
  update: Pick<OutboundUpdate, "updateId" | "seq" | "status" | "impact" | "text" | "incidentUrl" | "createdAt">,
  page: PageFacts,
  generatedAt: Date,
): WebhookPayload {
  const pageId = pageIdOf(page.publicUrl);
  const latestSeq = detail.updates.reduce((m, u) => Math.max(m, u.seq), 0);
  const maintenance = detail.kind === "maintenance";
  const statusOf = (status: string) => (maintenance ? statuspageMaintenanceStatus(status) : status);
  const history = replayIncident(detail, update.seq);
  const entries: WebhookIncidentUpdate[] = history.updates.map((replayed) => {
    const u = replayed.update;
    return {
      ...statuspageIncidentUpdate(replayed, utc, u.id === update.updateId ? update.text : undefined),
      status: statusOf(u.status),
      twitter_updated_at: null,
      eta: u.eta ? utc(u.eta) : null,
      next_update_due_at: u.nextUpdateDueAt ? utc(u.nextUpdateDueAt) : null,
    };
  });

  const components: WebhookComponent[] = [];
  for (const c of detail.components) {
    // Renamed slugs are not in older changes: the newest update can trust the current status.
    const status = history.statusOf.get(c.slug) ?? (update.seq >= latestSeq ? c.status : undefined);
    if (status) components.push({ id: c.id, page_id: pageId, name: c.name, status });
  }

  const resolved = maintenance ? ["completed", "cancelled"].includes(update.status) : update.status === "resolved";
  const working = maintenance && (update.status === "in_progress" || update.status === "verifying");
  const indicator: Indicator = working
    ? "maintenance"
    : !resolved && !maintenance && impacts.includes(update.impact as Impact)
      ? (update.impact as Impact)
      : "none";
  const incident: WebhookIncident = statuspageIncident(
    {
      id: detail.id,
      title: detail.title,
      // A maintenance was created when it was announced; its start is in the window.
      createdAt: maintenance ? history.updates[0]?.update.createdAt : undefined,
      startedAt: detail.startedAt,
      status: statusOf(update.status),
      impact: maintenance ? maintenanceImpact : update.impact,
      updatedAt: update.createdAt,
      monitoringAt: history.monitoringAt,
      resolvedAt: resolved ? update.createdAt : null,
      shortlink: update.incidentUrl,
      pageId,
    },
    utc,
    entries.reverse(),
    components,
  );
  if (maintenance && detail.scheduledFor && detail.scheduledUntil) {
    incident.scheduled_for = utc(detail.scheduledFor);
    incident.scheduled_until = utc(detail.scheduledUntil);
  }
  return {
    meta: {
      unsubscribe: null,
      documentation: `${page.publicUrl}/docs`,
      generated_at: utc(generatedAt),
    },
    page: {
      id: pageId,
      name: page.name,
      url: page.publicUrl,
      status_indicator: indicator,
      status_description: indicatorDescriptions[indicator],
    },
    incident,
  };
}

/** The webhook channel's `loadIncident`: the incident with its updates and components, or null once gone. */
export function incidentLoader(db: Db, config: Config): (incidentId: string) => Promise<IncidentDetail | null> {
  return async (incidentId) => {
    try {
      return await getIncident({ db, config, clock: () => new Date(), actor: systemActor }, incidentId);
    } catch (err) {
      if (err instanceof AppError && err.code === "NOT_FOUND") return null;
      throw err;
    }
  };
}
