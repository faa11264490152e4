import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { incidents } from "./incidents.ts";

/**
 * One row per listening source (mentions, search): where its cursor stands,
 * who polls it now, when it polls next, and what it has read today. Shared by
 * every process; a lease, not a held transaction, says who polls, because
 * the poll is an HTTP call to X that may take seconds.
 */
export const listenSources = pgTable("listen_sources", {
  /** mentions or search. */
  source: text("source").primaryKey(),
  /** The newest post id a completed poll has stored: X's since_id for the next one. */
  sinceId: text("since_id"),
  /**
   * A poll that stopped at LISTEN_MAX_PAGES with older posts left: X's page
   * token to go on from, and the newest id its first page saw, which becomes
   * since_id once the older pages are read.
   */
  resumeToken: text("resume_token"),
  pendingSinceId: text("pending_since_id"),
  /**
   * When listening began (or the query changed): until a post gives a
   * since_id, polls ask X for posts after this time, so that listening
   * starts then, without a week of backlog and without a gap.
   */
  sinceTime: timestamp("since_time", { withTimezone: true }),
  /** The search query the cursor belongs to: a changed LISTEN_QUERY starts afresh. */
  query: text("query"),
  leaseOwner: text("lease_owner"),
  leaseUntil: timestamp("lease_until", { withTimezone: true }),
  nextPollAt: timestamp("next_poll_at", { withTimezone: true }).notNull(),
  lastPolledAt: timestamp("last_polled_at", { withTimezone: true }),
  /** Consecutive failed polls (5xx, network): the backoff's exponent. */
  failures: integer("failures").notNull().default(0),
  /** Posts X returned on readsDay (UTC), counted against LISTEN_DAILY_READS: reads are billed per post. */
  readsDay: text("reads_day"),
  readsToday: integer("reads_today").notNull().default(0),
  /** Our account, from GET /2/users/me: whose mentions these are, and whose posts are left out. */
  accountId: text("account_id"),
  accountUsername: text("account_username"),
});

/**
 * The inbox: each post heard once, whichever sources found it. Handles and
 * text are personal data: they are shown only to keys with mentions:read,
 * never on public pages or feeds, and pruned after LISTEN_RETENTION.
 */
export const heardPosts = pgTable(
  "heard_posts",
  {
    /** X's post id. */
    id: text("id").primaryKey(),
    authorId: text("author_id").notNull(),
    authorUsername: text("author_username").notNull(),
    text: text("text").notNull(),
    postedAt: timestamp("posted_at", { withTimezone: true }).notNull(),
    url: text("url").notNull(),
    /** The sources that found it: mentions, search, or both. */
    foundBy: text("found_by").array().notNull(),
    mentionsUs: boolean("mentions_us").notNull(),
    fromUs: boolean("from_us").notNull().default(false),
    isRetweet: boolean("is_retweet").notNull().default(false),
    /** A reply in one of our own threads (to a post of ours): not a new voice for the spike rule. */
    inOurThread: boolean("in_our_thread").notNull().default(false),
    /** The incident that was open when it was heard, if any. */
    incidentId: text("incident_id").references(() => incidents.id),
    /** new, acknowledged, handled or ignored. */
    state: text("state").notNull().default("new"),
    note: text("note"),
    heardAt: timestamp("heard_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("heard_posts_heard_idx").on(t.heardAt),
    index("heard_posts_incident_idx").on(t.incidentId, t.authorId),
    index("heard_posts_posted_idx").on(t.postedAt),
  ],
);

/**
 * People who asked for no more automatic replies (they said stop). Only the
 * id is kept: it is what the rule needs, and no more personal data than that.
 */
export const listenStops = pgTable("listen_stops", {
  authorId: text("author_id").primaryKey(),
  postId: text("post_id"),
  saidAt: timestamp("said_at", { withTimezone: true }).notNull(),
});

/**
 * The automatic acknowledgements: at most one per author per incident, held
 * by the unique index across processes; a skipped or capped one is recorded
 * too, with why, so that a person sees who was and was not answered.
 */
export const acknowledgements = pgTable(
  "acknowledgements",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    authorId: text("author_id").notNull(),
    /** The post replied to. */
    postId: text("post_id").notNull(),
    /** queued, sent or skipped. */
    state: text("state").notNull(),
    reason: text("reason"),
    replyId: text("reply_id"),
    text: text("text"),
    /** Which of the fixed wordings (render/ack.ts): the next reply picks another. */
    variant: integer("variant"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("acknowledgements_once_idx").on(t.incidentId, t.authorId),
    index("acknowledgements_created_idx").on(t.createdAt).where(sql`${t.state} <> 'skipped'`),
  ],
);

/**
 * Spikes of people reporting problems on X. With no incident open, one pages
 * the operators (a signed POST to LISTEN_ALERT_WEBHOOK_URL, through the
 * outbox); with one open, it is recorded against that incident instead.
 */
export const listenAlerts = pgTable(
  "listen_alerts",
  {
    id: text("id").primaryKey(),
    /** Distinct authors in the window, and the usual level it was compared with (median of 7 days, plus one). */
    authors: integer("authors").notNull(),
    baseline: integer("baseline").notNull(),
    windowSeconds: integer("window_seconds").notNull(),
    topWords: text("top_words").array().notNull(),
    /** A few of the posts, as links (X's own addresses). */
    postUrls: text("post_urls").array().notNull(),
    /** Set when an incident was open: recorded against it, nobody paged. */
    incidentId: text("incident_id").references(() => incidents.id),
    paged: boolean("paged").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    ackedAt: timestamp("acked_at", { withTimezone: true }),
    /** The API key that acknowledged it. */
    ackedBy: text("acked_by"),
  },
  (t) => [index("listen_alerts_created_idx").on(t.createdAt)],
);
