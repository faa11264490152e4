CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_key_id" text,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"details" jsonb NOT NULL,
	"request_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "components" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"group_name" text,
	"position" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'operational' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "eta_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"update_id" text NOT NULL,
	"previous_eta" timestamp with time zone,
	"eta" timestamp with time zone,
	"promised_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"settled_at" timestamp with time zone,
	"missed_by_seconds" integer
);
--> statement-breakpoint
CREATE TABLE "incident_components" (
	"incident_id" text NOT NULL,
	"component_id" text NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "incident_components_incident_id_component_id_pk" PRIMARY KEY("incident_id","component_id")
);
--> statement-breakpoint
CREATE TABLE "incident_updates" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"seq" integer NOT NULL,
	"status" text NOT NULL,
	"impact" text NOT NULL,
	"body" text NOT NULL,
	"eta" timestamp with time zone,
	"next_update_due_at" timestamp with time zone,
	"author" text NOT NULL,
	"kind" text NOT NULL,
	"component_changes" jsonb NOT NULL,
	"notify" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"impact" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"eta" timestamp with time zone,
	"next_update_due_at" timestamp with time zone,
	"twitter_thread_root_id" text,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "eta_revisions" ADD CONSTRAINT "eta_revisions_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eta_revisions" ADD CONSTRAINT "eta_revisions_update_id_incident_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."incident_updates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_components" ADD CONSTRAINT "incident_components_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_components" ADD CONSTRAINT "incident_components_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_updates" ADD CONSTRAINT "incident_updates_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_idx" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "components_live_slug_idx" ON "components" USING btree ("slug") WHERE "components"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "eta_revisions_incident_idx" ON "eta_revisions" USING btree ("incident_id","promised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_updates_incident_seq_idx" ON "incident_updates" USING btree ("incident_id","seq");--> statement-breakpoint
CREATE INDEX "incidents_started_idx" ON "incidents" USING btree ("started_at","id");--> statement-breakpoint
CREATE INDEX "incidents_next_update_due_idx" ON "incidents" USING btree ("next_update_due_at");