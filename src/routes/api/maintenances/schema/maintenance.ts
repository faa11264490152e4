import { z } from "@hono/zod-openapi";
import { maintenanceStatuses } from "../../../../domain/maintenance.ts";
import { IncidentUpdateSchema, PromiseRecordSchema } from "../../incidents/schema/update.ts";
import { ComponentStatusSchema, ErrorSchema, Timestamp } from "../../schemas.ts";

const fields = {
  id: z.string(),
  title: z.string(),
  status: z.enum(maintenanceStatuses),
  starts_at: Timestamp.openapi({ description: "The announced start" }),
  ends_at: Timestamp.openapi({ description: "The announced end (moved by PATCH)" }),
  started_at: Timestamp.nullable().openapi({ description: "When the work actually started; null while scheduled" }),
  completed_at: Timestamp.nullable().openapi({ description: "When it was completed or cancelled" }),
  remind_before: z.string().nullable().openapi({ description: "ISO 8601 duration; null for no reminder" }),
  reminded_at: Timestamp.nullable(),
  expected_end: Timestamp.nullable().openapi({
    description: "While the work goes on: when it should be done; null once the planned end passed with no new one",
  }),
  next_update_due_at: Timestamp.nullable(),
  allow_peak_hours: z.boolean(),
  created_by: z.string(),
  updated_at: Timestamp,
  url: z.string(),
  twitter_thread_url: z.string().nullable(),
  components: z.array(z.object({ slug: z.string(), name: z.string(), status: ComponentStatusSchema })),
};

/** An incident update whose status is a maintenance status. */
export const UpdateEntrySchema = IncidentUpdateSchema.extend({ status: z.enum(maintenanceStatuses) }).openapi(
  "MaintenanceUpdate",
);

export const MaintenanceSchema = z
  .object({ ...fields, updates: z.array(UpdateEntrySchema), promises: PromiseRecordSchema })
  .openapi("Maintenance");
export const MaintenanceSummarySchema = z
  .object({ ...fields, latest_update: UpdateEntrySchema.nullable() })
  .openapi("MaintenanceSummary");

const Window = z.object({ starts_at: Timestamp, ends_at: Timestamp });

/**
 * The 409 for a window in peak hours: the one error shape, plus the overlap
 * and the nearest off-peak window of the same length (null when none starts
 * within 14 days), so a client can offer to take it (`candor maintenance schedule` does).
 */
export const PeakHoursConflictSchema = z
  .object({
    error: ErrorSchema.shape.error.extend({
      peak_overlap: Window.extend({ rule: z.string() }).optional(),
      suggested_window: Window.nullable().optional(),
    }),
  })
  .openapi("PeakHoursConflict");

/** A 409 that may be a peak-hours refusal (scheduling, moving a window). */
export const peakHoursConflict = {
  409: {
    description: "Conflict with the current state; a window in peak hours gets the nearest off-peak one",
    content: { "application/json": { schema: PeakHoursConflictSchema } },
  },
};
