CREATE TABLE "page_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "page_version" ADD CONSTRAINT "page_version_one_row" CHECK ("id" = 1);--> statement-breakpoint
INSERT INTO "page_version" ("id", "version") VALUES (1, 0);--> statement-breakpoint
CREATE FUNCTION candor_page_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "page_version" SET "version" = "version" + 1, "changed_at" = now() WHERE "id" = 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "incidents_page_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "incidents" FOR EACH STATEMENT EXECUTE FUNCTION candor_page_changed();--> statement-breakpoint
CREATE TRIGGER "incident_updates_page_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "incident_updates" FOR EACH STATEMENT EXECUTE FUNCTION candor_page_changed();--> statement-breakpoint
CREATE TRIGGER "incident_components_page_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "incident_components" FOR EACH STATEMENT EXECUTE FUNCTION candor_page_changed();--> statement-breakpoint
CREATE TRIGGER "components_page_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "components" FOR EACH STATEMENT EXECUTE FUNCTION candor_page_changed();--> statement-breakpoint
CREATE TRIGGER "eta_revisions_page_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "eta_revisions" FOR EACH STATEMENT EXECUTE FUNCTION candor_page_changed();
