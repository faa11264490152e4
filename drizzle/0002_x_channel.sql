CREATE TABLE "channel_health" (
	"channel" text PRIMARY KEY NOT NULL,
	"healthy" boolean DEFAULT true NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"recovered_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_updates" ADD COLUMN "tweet" text;--> statement-breakpoint
ALTER TABLE "incident_updates" ADD COLUMN "tweet_id" text;--> statement-breakpoint
CREATE INDEX "deliveries_channel_idx" ON "deliveries" USING btree ("channel","delivered_at");