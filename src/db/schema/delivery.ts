import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { incidentUpdates } from "./incidents.ts";

/**
 * The transactional outbox: one row per (update, channel), written in the same
 * transaction as the update. Column names follow graphile-worker.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Unique per job, so writing the same job twice is a no-op. */
    key: text("key").notNull(),
    channel: text("channel").notNull(),
    /** update (an incident update to publish) or a channel's own job, such as email.confirm. */
    topic: text("topic").notNull().default("update"),
    /** The update to publish; null for jobs that are not about an update. */
    updateId: text("update_id").references(() => incidentUpdates.id),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    /** pending, done or dead. */
    state: text("state").notNull().default("pending"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(12),
    lastError: text("last_error"),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    lockedBy: text("locked_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("outbox_key_idx").on(t.key),
    index("outbox_pending_idx").on(t.runAt).where(sql`${t.state} = 'pending'`),
  ],
);

/** One row per (update, channel, recipient) actually sent: nobody is sent the same update twice. */
export const deliveries = pgTable(
  "deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    updateId: text("update_id")
      .notNull()
      .references(() => incidentUpdates.id),
    channel: text("channel").notNull(),
    recipient: text("recipient").notNull(),
    receipt: jsonb("receipt").$type<Record<string, unknown>>().notNull().default({}),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("deliveries_once_idx").on(t.updateId, t.channel, t.recipient),
    index("deliveries_channel_idx").on(t.channel, t.deliveredAt),
  ],
);

/**
 * What the engine last learned about each channel, shared by every process:
 * whether it works, and its last error. Last success is read from deliveries.
 */
export const channelHealth = pgTable("channel_health", {
  channel: text("channel").primaryKey(),
  healthy: boolean("healthy").notNull().default(true),
  lastError: text("last_error"),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
  /** When it last went from unhealthy to healthy. */
  recoveredAt: timestamp("recovered_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
