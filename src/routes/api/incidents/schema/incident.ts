import { z } from "@hono/zod-openapi";
import { ComponentStatusSchema, ImpactSchema, IncidentStatusSchema, Timestamp } from "../../schemas.ts";
import { EtaRevisionSchema, IncidentUpdateSchema, PromiseRecordSchema } from "./update.ts";

const AffectedComponentSchema = z.object({ slug: z.string(), name: z.string(), status: ComponentStatusSchema });

const incidentFields = {
  id: z.string(),
  title: z.string(),
  title_edited_at: Timestamp.nullable().openapi({ description: "When the title was last corrected (PATCH)" }),
  status: IncidentStatusSchema,
  impact: ImpactSchema,
  started_at: Timestamp,
  resolved_at: Timestamp.nullable(),
  eta: Timestamp.nullable(),
  next_update_due_at: Timestamp.nullable(),
  created_by: z.string(),
  updated_at: Timestamp,
  backfilled: z.boolean().openapi({
    description: "Recorded afterwards (POST with backfill: true): nobody was notified and it made no promises",
  }),
  recorded_at: Timestamp.nullable().openapi({ description: "When a backfilled incident was recorded" }),
  url: z.string(),
  twitter_thread_url: z
    .string()
    .nullable()
    .openapi({ description: "The incident's thread on X, once its first post is published" }),
  components: z.array(AffectedComponentSchema),
};

export const IncidentSchema = z
  .object({
    ...incidentFields,
    updates: z.array(IncidentUpdateSchema),
    eta_revisions: z.array(EtaRevisionSchema),
    promises: PromiseRecordSchema,
  })
  .openapi("Incident");

export const IncidentSummarySchema = z
  .object({ ...incidentFields, latest_update: IncidentUpdateSchema.nullable() })
  .openapi("IncidentSummary");
