CREATE TABLE "acknowledgements" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"author_id" text NOT NULL,
	"post_id" text NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"reply_id" text,
	"text" text,
	"variant" integer,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "heard_posts" (
	"id" text PRIMARY KEY NOT NULL,
	"author_id" text NOT NULL,
	"author_username" text NOT NULL,
	"text" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"url" text NOT NULL,
	"found_by" text[] NOT NULL,
	"mentions_us" boolean NOT NULL,
	"from_us" boolean DEFAULT false NOT NULL,
	"is_retweet" boolean DEFAULT false NOT NULL,
	"in_our_thread" boolean DEFAULT false NOT NULL,
	"incident_id" text,
	"state" text DEFAULT 'new' NOT NULL,
	"note" text,
	"heard_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listen_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"authors" integer NOT NULL,
	"baseline" integer NOT NULL,
	"window_seconds" integer NOT NULL,
	"top_words" text[] NOT NULL,
	"post_urls" text[] NOT NULL,
	"incident_id" text,
	"paged" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"acked_at" timestamp with time zone,
	"acked_by" text
);
--> statement-breakpoint
CREATE TABLE "listen_sources" (
	"source" text PRIMARY KEY NOT NULL,
	"since_id" text,
	"resume_token" text,
	"pending_since_id" text,
	"since_time" timestamp with time zone,
	"query" text,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"next_poll_at" timestamp with time zone NOT NULL,
	"last_polled_at" timestamp with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"reads_day" text,
	"reads_today" integer DEFAULT 0 NOT NULL,
	"account_id" text,
	"account_username" text
);
--> statement-breakpoint
CREATE TABLE "listen_stops" (
	"author_id" text PRIMARY KEY NOT NULL,
	"post_id" text,
	"said_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "acknowledgements" ADD CONSTRAINT "acknowledgements_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "heard_posts" ADD CONSTRAINT "heard_posts_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listen_alerts" ADD CONSTRAINT "listen_alerts_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "acknowledgements_once_idx" ON "acknowledgements" USING btree ("incident_id","author_id");--> statement-breakpoint
CREATE INDEX "acknowledgements_created_idx" ON "acknowledgements" USING btree ("created_at") WHERE "acknowledgements"."state" <> 'skipped';--> statement-breakpoint
CREATE INDEX "heard_posts_heard_idx" ON "heard_posts" USING btree ("heard_at");--> statement-breakpoint
CREATE INDEX "heard_posts_incident_idx" ON "heard_posts" USING btree ("incident_id","author_id");--> statement-breakpoint
CREATE INDEX "heard_posts_posted_idx" ON "heard_posts" USING btree ("posted_at");--> statement-breakpoint
CREATE INDEX "listen_alerts_created_idx" ON "listen_alerts" USING btree ("created_at");