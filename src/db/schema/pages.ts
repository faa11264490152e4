import { bigint, integer, pgTable, timestamp } from "drizzle-orm/pg-core";

/**
 * One row: a counter that triggers bump whenever anything a public page or
 * feed shows changes (incidents, their updates, components, estimates). The
 * public response cache compares it, so each page is rendered once per
 * change, whichever process or runtime made the change.
 */
export const pageVersion = pgTable("page_version", {
  id: integer("id").primaryKey().default(1),
  version: bigint("version", { mode: "number" }).notNull().default(0),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
});
