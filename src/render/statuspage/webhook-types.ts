import type { StatuspageIncident, StatuspageIncidentUpdate } from "./incident.ts";
import type { Indicator } from "./page-status.ts";

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

/** The update being delivered, as the outbox carries it (a subset of the channels' OutboundUpdate). */
export type WebhookUpdate = {
  updateId: string;
  seq: number;
  status: string;
  impact: string;
  /** The full public text: the message and the promise it carries. */
  text: string;
  incidentUrl: string;
  createdAt: Date;
};
