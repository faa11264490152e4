import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Components are soft-deleted (deleted_at) so that past incidents keep naming
 * what they affected; a slug is unique only among live components.
 */
export const components = pgTable(
  "components",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    groupName: text("group_name"),
    position: integer("position").notNull().default(0),
    status: text("status").notNull().default("operational"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("components_live_slug_idx").on(t.slug).where(sql`${t.deletedAt} is null`)],
);

/**
 * Every change of a component's status, whoever made it (issue 18): the
 * history behind the component.update webhooks. Written only by
 * services/components/record-status-change.ts, in the transaction that
 * changes the status. No foreign key to incidents: the schema files import
 * components from incidents, not the other way round, and the id is only a label.
 */
export const componentEvents = pgTable(
  "component_events",
  {
    id: text("id").primaryKey(),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id),
    previousStatus: text("previous_status").notNull(),
    status: text("status").notNull(),
    /** manual, incident, maintenance or alert. */
    cause: text("cause").notNull(),
    /** The incident or maintenance whose update made the change, if one did. */
    incidentId: text("incident_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("component_events_component_idx").on(t.componentId, t.createdAt)],
);

/** One row per (event, webhook subscriber) that answered 2xx: nobody gets the same event twice. */
export const componentEventDeliveries = pgTable(
  "component_event_deliveries",
  {
    eventId: text("event_id")
      .notNull()
      .references(() => componentEvents.id),
    subscriberId: text("subscriber_id").notNull(),
    status: integer("status").notNull(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("component_event_deliveries_once_idx").on(t.eventId, t.subscriberId)],
);
