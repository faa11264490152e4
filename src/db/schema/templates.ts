import { integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** A component a template sets, kept by id so a later deletion is told apart from a typo. */
export type TemplateComponent = { id: string; slug: string; status: string };

/**
 * Incident templates: the words and settings of a declaration or update
 * written ahead, calmly, for the night they are needed. Not public, so no
 * page_version trigger.
 */
export const incidentTemplates = pgTable(
  "incident_templates",
  {
    id: text("id").primaryKey(),
    /** What callers name it by (`template: "db-down"`); unique. */
    name: text("name").notNull(),
    title: text("title"),
    message: text("message").notNull(),
    status: text("status"),
    impact: text("impact"),
    components: jsonb("components").$type<TemplateComponent[]>().notNull().default([]),
    nextUpdateInMs: integer("next_update_in_ms"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("incident_templates_name_idx").on(t.name)],
);
