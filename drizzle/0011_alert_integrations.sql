CREATE TABLE "alert_baselines" (
	"component_id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_declarations" (
	"source" text NOT NULL,
	"group_key" text NOT NULL,
	"incident_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"template" text NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "alert_declarations_source_group_key_pk" PRIMARY KEY("source","group_key")
);
--> statement-breakpoint
CREATE TABLE "integration_alerts" (
	"source" text NOT NULL,
	"fingerprint" text NOT NULL,
	"component_id" text NOT NULL,
	"severity" text,
	"status" text,
	"state" text NOT NULL,
	"group_key" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "integration_alerts_source_fingerprint_pk" PRIMARY KEY("source","fingerprint")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "alert_mapping" jsonb;--> statement-breakpoint
ALTER TABLE "alert_baselines" ADD CONSTRAINT "alert_baselines_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_declarations" ADD CONSTRAINT "alert_declarations_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_alerts" ADD CONSTRAINT "integration_alerts_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integration_alerts_component_idx" ON "integration_alerts" USING btree ("component_id","state");