import type { IncidentDetail } from "../../db/models.ts";
import { type Impact, impacts } from "../../domain/components.ts";
import { statuspageIncident, statuspageIncidentUpdate } from "./incident.ts";
import { maintenanceImpact, statuspageMaintenanceStatus } from "./maintenance.ts";
import { type Indicator, indicatorDescriptions } from "./page-status.ts";
import { replayIncident } from "./replay.ts";
import { pageIdOf } from "./time.ts";
import type {
  PageFacts,
  WebhookComponent,
  WebhookIncident,
  WebhookIncidentUpdate,
  WebhookPayload,
  WebhookUpdate,
} from "./webhook-types.ts";

export type { PageFacts, WebhookComponent, WebhookIncident, WebhookIncidentUpdate, WebhookPayload, WebhookUpdate };

/** Webhook payloads keep UTC timestamps, as they always have. */
const utc = (at: Date) => at.toISOString();

/**
 * Builds the payload for `update` from the incident as `getIncident` returns
 * it. Later updates are left out, and component statuses are replayed from
 * the updates' own changes, so a retried delivery tells what was true then.
 *
 * @example webhookPayload(detail, update, { name: "Acme", publicUrl }, now).incident.incident_updates[0].id === update.updateId
 */
export function webhookPayload(
  detail: IncidentDetail,
  update: WebhookUpdate,
  page: PageFacts,
  generatedAt: Date,
): WebhookPayload {
  const pageId = pageIdOf(page.publicUrl);
  const latestSeq = detail.updates.reduce((m, u) => Math.max(m, u.seq), 0);
  const maintenance = detail.kind === "maintenance";
  const statusOf = (status: string) => (maintenance ? statuspageMaintenanceStatus(status) : status);
  const history = replayIncident(detail, update.seq);
  // Hidden updates are not public; the one being sent never is (hiding withdraws its rows).
  const shown = history.updates.filter((r) => !r.update.hiddenAt || r.update.id === update.updateId);
  const entries: WebhookIncidentUpdate[] = shown.map((replayed) => {
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
  return { ...payloadHead(page, indicator, generatedAt), incident };
}

/**
 * The `meta` and `page` every Candor webhook payload opens with (incident
 * updates and component events alike), in Statuspage's shape.
 */
export function payloadHead(
  page: PageFacts,
  indicator: Indicator,
  generatedAt: Date,
): Pick<WebhookPayload, "meta" | "page"> {
  return {
    meta: { unsubscribe: null, documentation: `${page.publicUrl}/docs`, generated_at: utc(generatedAt) },
    page: {
      id: pageIdOf(page.publicUrl),
      name: page.name,
      url: page.publicUrl,
      status_indicator: indicator,
      status_description: indicatorDescriptions[indicator],
    },
  };
}
