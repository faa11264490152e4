CREATE TABLE "incident_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"message" text NOT NULL,
	"status" text,
	"impact" text,
	"components" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"next_update_in_ms" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_updates" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incident_updates" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "title_edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "recorded_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_templates_name_idx" ON "incident_templates" USING btree ("name");