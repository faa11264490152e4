import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { components } from "./components.ts";

/** Channels an update tells. `chat` came later (issue 18): older rows lack it, and read as true. */
export type NotifyFlags = { twitter: boolean; email: boolean; webhook: boolean; chat?: boolean };

/**
 * Incidents and scheduled maintenances share one table, as on Statuspage: a
 * maintenance is announced, threaded and delivered on every channel exactly
 * like an incident, and its overrun is kept honest by the same engine.
 */
export const incidents = pgTable(
  "incidents",
  {
    id: text("id").primaryKey(),
    /** incident, or maintenance (planned work with a window). */
    kind: text("kind").notNull().default("incident"),
    title: text("title").notNull(),
    status: text("status").notNull(),
    impact: text("impact").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** Current estimate of recovery; null means "unknown", said honestly. */
    eta: timestamp("eta", { withTimezone: true }),
    /** When customers were promised the next update; null once resolved. */
    nextUpdateDueAt: timestamp("next_update_due_at", { withTimezone: true }),
    /** The cadence engineers last chose; holding updates keep to it. */
    updateIntervalMs: integer("update_interval_ms").notNull().default(1_800_000),
    /** The first post of the incident's X thread, once published. */
    twitterThreadRootId: text("twitter_thread_root_id"),
    createdBy: text("created_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    /** Maintenance only: the announced window. */
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }),
    scheduledUntil: timestamp("scheduled_until", { withTimezone: true }),
    /** Maintenance only: how long before the start the reminder goes out; null for none. */
    remindBeforeMs: integer("remind_before_ms"),
    /** Maintenance only: when the reminder went out (or was found too late to send); null while owed. */
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    /**
     * Maintenance only: the channels its announcement went to; the updates
     * Candor posts by itself (reminder, start, overrun) go to the same ones.
     */
    notify: jsonb("notify").$type<NotifyFlags>(),
    /** Maintenance only: the window was allowed into peak hours by the caller (audited). */
    allowPeakHours: boolean("allow_peak_hours").notNull().default(false),
    /** When the title was last corrected (PATCH); the audit log keeps each earlier wording. */
    titleEditedAt: timestamp("title_edited_at", { withTimezone: true }),
    /**
     * Set for a past incident recorded afterwards (a backfill): when it was
     * recorded. Nobody was notified of it and it made no promises, so the
     * promise record leaves it out.
     */
    recordedAt: timestamp("recorded_at", { withTimezone: true }),
  },
  (t) => [
    index("incidents_started_idx").on(t.startedAt, t.id),
    index("incidents_next_update_due_idx").on(t.nextUpdateDueAt),
    index("incidents_scheduled_idx")
      .on(t.scheduledFor)
      .where(sql`${t.kind} = 'maintenance' and ${t.resolvedAt} is null`),
  ],
);

export const incidentComponents = pgTable(
  "incident_components",
  {
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id),
    /** The status this incident last gave the component. */
    status: text("status").notNull(),
    /** Maintenance only: the component's status when the work started, given back on completion. */
    formerStatus: text("former_status"),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.componentId] })],
);

export const incidentUpdates = pgTable(
  "incident_updates",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    /** Increasing per incident, so ordering never depends on clock ties. */
    seq: integer("seq").notNull(),
    status: text("status").notNull(),
    impact: text("impact").notNull(),
    body: text("body").notNull(),
    /**
     * The promise line this update carried on every channel ("Next update by
     * 14:30 UTC."), as worded when it was written; null when it carried none
     * (automatic updates word theirs into the body).
     */
    promise: text("promise"),
    eta: timestamp("eta", { withTimezone: true }),
    nextUpdateDueAt: timestamp("next_update_due_at", { withTimezone: true }),
    author: text("author").notNull(),
    kind: text("kind").notNull(),
    componentChanges: jsonb("component_changes").$type<Record<string, string>>().notNull(),
    notify: jsonb("notify").$type<NotifyFlags>().notNull(),
    /** How this update's next-update promise turned out; null while pending. */
    promiseOutcome: text("promise_outcome"),
    /** For automatic updates: how long after the promised time it went out. */
    lateBySeconds: integer("late_by_seconds"),
    /** Engineers' own wording for X (Statuspage's custom_tweet); the link is added to it. */
    tweet: text("tweet"),
    /** The X post that carried this update, once published. */
    tweetId: text("tweet_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** When the message was last corrected; the audit log keeps each earlier wording. */
    editedAt: timestamp("edited_at", { withTimezone: true }),
    /** When it was taken off every public view; the API still shows it, marked. */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("incident_updates_incident_seq_idx").on(t.incidentId, t.seq)],
);

/** The promise ledger: every ETA ever given, and how it turned out. */
export const etaRevisions = pgTable(
  "eta_revisions",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    updateId: text("update_id")
      .notNull()
      .references(() => incidentUpdates.id),
    previousEta: timestamp("previous_eta", { withTimezone: true }),
    eta: timestamp("eta", { withTimezone: true }),
    promisedAt: timestamp("promised_at", { withTimezone: true }).notNull(),
    /** null while current; then met, missed or revised. */
    outcome: text("outcome"),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    missedBySeconds: integer("missed_by_seconds"),
  },
  (t) => [index("eta_revisions_incident_idx").on(t.incidentId, t.promisedAt)],
);
