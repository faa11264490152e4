ALTER TABLE "incident_components" ADD COLUMN "former_status" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "kind" text DEFAULT 'incident' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "scheduled_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "scheduled_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "remind_before_ms" integer;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "notify" jsonb;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "allow_peak_hours" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "incidents_scheduled_idx" ON "incidents" USING btree ("scheduled_for") WHERE "incidents"."kind" = 'maintenance' and "incidents"."resolved_at" is null;