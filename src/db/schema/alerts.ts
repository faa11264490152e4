import { index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { components } from "./components.ts";
import { incidents } from "./incidents.ts";

/**
 * The last state each monitoring alert was seen in, by source (alertmanager,
 * grafana) and fingerprint. Resolved alerts stay a while, so a repeated or
 * late notification is recognised and changes nothing. Not public (the
 * component's status is), so no page_version trigger.
 */
export const integrationAlerts = pgTable(
  "integration_alerts",
  {
    source: text("source").notNull(),
    fingerprint: text("fingerprint").notNull(),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id),
    /** The severity label as sent (lower case); null when the alert had none. */
    severity: text("severity"),
    /** The component status this alert asks for while firing; null for severities mapped to none (info). */
    status: text("status"),
    /** firing or resolved. */
    state: text("state").notNull(),
    groupKey: text("group_key").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    /** null while firing (senders write the zero time, 0001-01-01). */
    endsAt: timestamp("ends_at", { withTimezone: true }),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.fingerprint] }),
    index("integration_alerts_component_idx").on(t.componentId, t.state),
  ],
);

/**
 * The status a component had before alerts took hold of it, kept while any
 * firing alert holds it: what a last resolved alert gives back.
 */
export const alertBaselines = pgTable("alert_baselines", {
  componentId: text("component_id")
    .primaryKey()
    .references(() => components.id),
  status: text("status").notNull(),
  since: timestamp("since", { withTimezone: true }).notNull(),
});

/** Which alert group declared which incident (candor_declare), so repeats of the group do not declare again. */
export const alertDeclarations = pgTable(
  "alert_declarations",
  {
    source: text("source").notNull(),
    groupKey: text("group_key").notNull(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    fingerprint: text("fingerprint").notNull(),
    template: text("template").notNull(),
    declaredAt: timestamp("declared_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.groupKey] })],
);
