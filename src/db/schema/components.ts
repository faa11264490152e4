import { sql } from "drizzle-orm";
import { integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

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
