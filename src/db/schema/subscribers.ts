import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * People and systems that asked to hear about incidents: email addresses
 * (double opt-in), webhooks and chat channels (a Slack, Teams, Discord,
 * Google Chat or Mattermost incoming webhook). A subscriber is never deleted by unsubscribing,
 * so that coming back needs a fresh confirmation and the history stays true.
 */
export const subscribers = pgTable(
  "subscribers",
  {
    id: text("id").primaryKey(),
    /** email, webhook or chat. */
    type: text("type").notNull(),
    /** For chat subscribers: the platform (slack, teams, discord, google_chat, mattermost), which shapes the message. */
    kind: text("kind"),
    /** Lowercased address, for email subscribers. */
    email: text("email"),
    /** Where to POST, for webhooks and chat subscribers. */
    url: text("url"),
    /**
     * pending (asked, not confirmed), active, unsubscribed, suppressed (email
     * that hard-bounced 3 times) or quarantined (a webhook that kept failing).
     */
    state: text("state").notNull(),
    /** Component ids; empty means every incident. */
    componentIds: text("component_ids").array().notNull().default(sql`'{}'::text[]`),
    /**
     * For webhooks, which events they get: incident (incident and maintenance
     * updates) and/or component (component.update). Email ignores it.
     */
    events: text("events").array().notNull().default(sql`'{incident}'::text[]`),
    /** For webhooks: the HMAC key their payloads are signed with. */
    secret: text("secret"),
    /** Hard failures in a row (SMTP 5xx; webhook errors). */
    failures: integer("failures").notNull().default(0),
    firstFailureAt: timestamp("first_failure_at", { withTimezone: true }),
    lastError: text("last_error"),
    /** When the last confirmation email was asked for (a limit per address). */
    confirmRequestedAt: timestamp("confirm_requested_at", { withTimezone: true }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
    quarantinedAt: timestamp("quarantined_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("subscribers_email_idx").on(t.email).where(sql`${t.type} = 'email'`),
    index("subscribers_active_idx").on(t.type, t.id).where(sql`${t.state} = 'active'`),
  ],
);

/** Values Candor generates once and keeps, such as the key that signs links in emails. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
