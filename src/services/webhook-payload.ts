import { and, eq } from "drizzle-orm";
import type { OutboundUpdate } from "../channels/types.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { subscribers } from "../db/schema/index.ts";
import { AppError } from "../errors.ts";
import { systemActor } from "./context.ts";
import { getIncident, type IncidentDetail } from "./incidents.ts";

/**
 * The JSON a webhook receives for each public update: Statuspage's incident
 * webhook shape (meta, page, incident with its updates newest first), so that
 * receivers written for Statuspage read it as they are. It describes the
 * incident as it stood when this update was written, even when it is sent
 * later (a retry after newer updates): the newest entry of
 * incident.incident_updates is always the update being delivered.
 */
export type WebhookPayload = {
  meta: { unsubscribe: null; documentation: string; generated_at: string };
  page: {
    id: string;
    name: string;
    url: string;
    /** This incident's impact as of the update; none once it is resolved. */
    status_indicator: "none" | "minor" | "major" | "critical";
    status_description: string;
  };
  incident: WebhookIncident;
};

export type WebhookIncident = {
  id: string;
  page_id: string;
  name: string;
  status: string;
  impact: string;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  started_at: string;
  /** The incident's page. */
  shortlink: string;
  incident_updates: WebhookIncidentUpdate[];
  components: WebhookComponent[];
};

export type WebhookIncidentUpdate = {
  id: string;
  incident_id: string;
  status: string;
  /** The public text; for the update being delivered, with the promise it carries (ETA or next update). */
  body: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  /** What this update changed, or null when it changed no component. */
  affected_components: { code: string; name: string; old_status: string; new_status: string }[] | null;
  twitter_updated_at: null;
  custom_tweet: string | null;
  deliver_notifications: boolean;
  tweet_id: string | null;
  /** Candor's additions: the promise this update made. */
  eta: string | null;
  next_update_due_at: string | null;
};

export type WebhookComponent = { id: string; page_id: string; name: string; status: string };

/** Statuspage's wording for its page indicator. */
const indicatorDescriptions = {
  none: "All Systems Operational",
  minor: "Minor Service Outage",
  major: "Partial System Outage",
  critical: "Major System Outage",
} as const;

export type PageFacts = { name: string; publicUrl: string };

/** The page id in payloads: PUBLIC_URL's host, stable for the life of the page. */
export function pageIdOf(publicUrl: string): string {
  return new URL(publicUrl).host;
}

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
  const included = detail.updates.filter((u) => u.seq <= update.seq).sort((a, b) => a.seq - b.seq);
  const bySlug = new Map(detail.components.map((c) => [c.slug, c]));

  // Replay component changes oldest first: each update's old and new statuses,
  // and where every component stood after this one.
  const statusOf = new Map<string, string>();
  const entries: WebhookIncidentUpdate[] = [];
  let monitoringAt: Date | null = null;
  for (const u of included) {
    const changes = Object.entries(u.componentChanges ?? {});
    const affected = changes.map(([slug, next]) => {
      const entry = {
        code: bySlug.get(slug)?.id ?? slug,
        name: bySlug.get(slug)?.name ?? slug,
        old_status: statusOf.get(slug) ?? "operational",
        new_status: next,
      };
      statusOf.set(slug, next);
      return entry;
    });
    if (u.status === "monitoring" && !monitoringAt) monitoringAt = u.createdAt;
    const at = u.createdAt.toISOString();
    entries.push({
      id: u.id,
      incident_id: u.incidentId,
      status: u.status,
      body: u.id === update.updateId ? update.text : u.body,
      created_at: at,
      updated_at: at,
      display_at: at,
      affected_components: affected.length ? affected : null,
      twitter_updated_at: null,
      custom_tweet: u.tweet,
      deliver_notifications: u.notify.email || u.notify.webhook || u.notify.twitter,
      tweet_id: u.tweetId,
      eta: u.eta?.toISOString() ?? null,
      next_update_due_at: u.nextUpdateDueAt?.toISOString() ?? null,
    });
  }

  const components: WebhookComponent[] = [];
  for (const c of detail.components) {
    // Renamed slugs are not in older changes: the newest update can trust the current status.
    const status = statusOf.get(c.slug) ?? (update.seq >= latestSeq ? c.status : undefined);
    if (status) components.push({ id: c.id, page_id: pageId, name: c.name, status });
  }

  const resolved = update.status === "resolved";
  const indicator = resolved ? "none" : (update.impact as keyof typeof indicatorDescriptions);
  const updatedAt = update.createdAt.toISOString();
  return {
    meta: {
      unsubscribe: null,
      documentation: `${page.publicUrl}/docs`,
      generated_at: generatedAt.toISOString(),
    },
    page: {
      id: pageId,
      name: page.name,
      url: page.publicUrl,
      status_indicator: indicator in indicatorDescriptions ? indicator : "none",
      status_description: indicatorDescriptions[indicator] ?? indicatorDescriptions.none,
    },
    incident: {
      id: detail.id,
      page_id: pageId,
      name: detail.title,
      status: update.status,
      impact: update.impact,
      created_at: detail.startedAt.toISOString(),
      updated_at: updatedAt,
      monitoring_at: monitoringAt?.toISOString() ?? null,
      resolved_at: resolved ? updatedAt : null,
      started_at: detail.startedAt.toISOString(),
      shortlink: update.incidentUrl,
      incident_updates: entries.reverse(),
      components,
    },
  };
}

/** The webhook channel's `loadIncident`: the incident with its updates and components, or null once gone. */
export function incidentLoader(db: Db, config: Config): (incidentId: string) => Promise<IncidentDetail | null> {
  return async (incidentId) => {
    try {
      return await getIncident({ ctx: { db, config, clock: () => new Date(), actor: systemActor }, id: incidentId });
    } catch (err) {
      if (err instanceof AppError && err.code === "NOT_FOUND") return null;
      throw err;
    }
  };
}

/** A receiver answered 410 Gone: it asked to hear no more, as an unsubscribe. */
export async function unsubscribeGoneWebhook(db: Db, subscriberId: string, now: Date): Promise<void> {
  await db
    .update(subscribers)
    .set({ state: "unsubscribed", unsubscribedAt: now, updatedAt: now })
    .where(and(eq(subscribers.id, subscriberId), eq(subscribers.type, "webhook"), eq(subscribers.state, "active")));
}
