import type { StatuspageComponent } from "./components.ts";
import type { ReplayedUpdate, StatuspageAffectedComponent } from "./replay.ts";
import type { TimeFormat } from "./time.ts";

// Statuspage's v2 shapes, shared by the public JSON API (/api/v2/*.json) and
// the webhook payloads, so both read the same to clients written for Statuspage.

/** One incident update in Statuspage's shape. */
export type StatuspageIncidentUpdate = {
  id: string;
  status: string;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  /** What this update changed, or null when it changed no component. */
  affected_components: StatuspageAffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: string | null;
  /** The X post that carried this update, once published. */
  tweet_id: string | null;
};

/** An incident in Statuspage's shape, generic over how its updates and components are told. */
export type StatuspageIncident<U = StatuspageIncidentUpdate, C = StatuspageComponent> = {
  id: string;
  name: string;
  status: string;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: string;
  shortlink: string;
  started_at: string;
  page_id: string;
  /** Newest first. */
  incident_updates: U[];
  components: C[];
};

/**
 * One replayed update in Statuspage's shape; `body` defaults to the update's message with the promise it carried.
 *
 * @example statuspageIncidentUpdate(replayed, (at) => at.toISOString()).body // "<message> <the promise it carried>"
 */
export function statuspageIncidentUpdate(
  { update: u, affected }: ReplayedUpdate,
  time: TimeFormat,
  body: string = u.promise ? `${u.body} ${u.promise}` : u.body,
): StatuspageIncidentUpdate {
  const at = time(u.createdAt);
  return {
    id: u.id,
    status: u.status,
    body,
    incident_id: u.incidentId,
    created_at: at,
    updated_at: at,
    display_at: at,
    affected_components: affected,
    deliver_notifications: u.notify.email || u.notify.webhook || u.notify.twitter || (u.notify.chat ?? false),
    custom_tweet: u.tweet,
    tweet_id: u.tweetId,
  };
}

/** The facts an incident's Statuspage fields are told from. */
export type IncidentFacts = {
  id: string;
  title: string;
  /** When it was made public, if not when it started (a maintenance is announced ahead). */
  createdAt?: Date;
  startedAt: Date;
  status: string;
  impact: string;
  updatedAt: Date;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
  shortlink: string;
  pageId: string;
};

/**
 * The incident-level fields, told as of some moment (now for the API, the update's time for webhooks).
 *
 * @example statuspageIncident(facts, time, updates, components).resolved_at // null while open
 */
export function statuspageIncident<U, C>(
  facts: IncidentFacts,
  time: TimeFormat,
  incidentUpdates: U[],
  components: C[],
): StatuspageIncident<U, C> {
  return {
    id: facts.id,
    name: facts.title,
    status: facts.status,
    created_at: time(facts.createdAt ?? facts.startedAt),
    updated_at: time(facts.updatedAt),
    monitoring_at: facts.monitoringAt ? time(facts.monitoringAt) : null,
    resolved_at: facts.resolvedAt ? time(facts.resolvedAt) : null,
    impact: facts.impact,
    shortlink: facts.shortlink,
    started_at: time(facts.startedAt),
    page_id: facts.pageId,
    incident_updates: incidentUpdates,
    components,
  };
}
