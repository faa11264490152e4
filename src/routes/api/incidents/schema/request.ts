import { z } from "@hono/zod-openapi";
import { openStatuses } from "../../../../domain/incidents.ts";
import { ComponentStatusSchema, Duration, ImpactSchema, IncidentStatusSchema, Slug, Timestamp } from "../../schemas.ts";
import { backfillRules, isObject, templatedRules } from "./request-rules.ts";

const message = z.string().trim().min(1, "must not be empty").max(5000, "must be at most 5000 characters");
const title = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const components = z
  .record(z.string(), ComponentStatusSchema)
  .optional()
  .openapi({ example: { api: "major_outage" }, description: "Component slug to the status this update gives it" });
const template = Slug.optional().openapi({
  example: "db-down",
  description: "A template's name (GET /api/v1/templates): it fills every field the request leaves out",
});
const updateFields = {
  message: message.optional().openapi({ description: "Required, unless a template gives it" }),
  impact: ImpactSchema.optional(),
  components,
  eta: Timestamp.nullable()
    .optional()
    .openapi({ description: "When service should be back; null says honestly that it is unknown; omit to keep" }),
  next_update_in: Duration.optional().openapi({
    description: "When the next update will come, from now (PT1M to PT24H)",
  }),
  next_update_at: Timestamp.optional().openapi({ description: "When the next update will come (at most 24 h ahead)" }),
  notify: z
    .strictObject({
      twitter: z.boolean().optional(),
      email: z.boolean().optional(),
      webhook: z.boolean().optional(),
      chat: z.boolean().optional(),
    })
    .optional()
    .openapi({ description: "Channels to tell; each defaults to true" }),
  tweet: z.string().trim().min(1, "must not be empty").max(1000, "must be at most 1000 characters").optional().openapi({
    description:
      "Your own text for the X post instead of the generated one (like Statuspage's custom_tweet); the incident link is added. At most 280 weighted characters with the link (a public URL counts 23; CJK and emoji count 2).",
  }),
  template,
};

/** One update of a past incident, with the time it was (or would have been) posted. */
export const BackfillUpdateSchema = z
  .strictObject({ status: IncidentStatusSchema, message, at: Timestamp })
  .openapi("BackfillUpdate");

export const DeclareIncidentSchema = z
  .strictObject({
    title: title.optional().openapi({ description: "Required, unless a template gives it" }),
    status: z.enum(openStatuses).optional(),
    ...updateFields,
    backfill: z.boolean().optional().openapi({
      description:
        "true records a past incident: give started_at, resolved_at and updates; nothing is sent and nothing promised",
    }),
    started_at: Timestamp.optional().openapi({ description: "Backfill only: when it started (in the past)" }),
    resolved_at: Timestamp.optional().openapi({ description: "Backfill only: when it ended (in the past)" }),
    updates: z
      .array(BackfillUpdateSchema)
      .min(1, "must hold at least the resolving update")
      .max(100)
      .optional()
      .openapi({
        description:
          "Backfill only: the updates, oldest first, at increasing times within [started_at, resolved_at]; the last is resolved, at resolved_at",
      }),
  })
  .superRefine(backfillRules, { when: isObject })
  .openapi("DeclareIncident");

export const PostUpdateSchema = z
  .strictObject({ status: IncidentStatusSchema.optional(), ...updateFields })
  .superRefine(templatedRules, { when: isObject })
  .openapi("PostIncidentUpdate");
