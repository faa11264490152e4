CREATE TABLE "component_event_deliveries" (
	"event_id" text NOT NULL,
	"subscriber_id" text NOT NULL,
	"status" integer NOT NULL,
	"delivered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "component_events" (
	"id" text PRIMARY KEY NOT NULL,
	"component_id" text NOT NULL,
	"previous_status" text NOT NULL,
	"status" text NOT NULL,
	"cause" text NOT NULL,
	"incident_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subscribers" ADD COLUMN "events" text[] DEFAULT '{incident}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "component_event_deliveries" ADD CONSTRAINT "component_event_deliveries_event_id_component_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."component_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "component_events" ADD CONSTRAINT "component_events_component_id_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "component_event_deliveries_once_idx" ON "component_event_deliveries" USING btree ("event_id","subscriber_id");--> statement-breakpoint
CREATE INDEX "component_events_component_idx" ON "component_events" USING btree ("component_id","created_at");