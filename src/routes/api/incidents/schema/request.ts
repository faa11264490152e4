import { z } from "@hono/zod-openapi";
import { openStatuses } from "../../../../domain/incidents.ts";
import { ComponentStatusSchema, Duration, ImpactSchema, IncidentStatusSchema, Timestamp } from "../../schemas.ts";

const message = z.string().trim().min(1, "must not be empty").max(5000, "must be at most 5000 characters");
const updateFields = {
  message,
  impact: ImpactSchema.optional(),
  components: z
    .record(z.string(), ComponentStatusSchema)
    .optional()
    .openapi({ example: { api: "major_outage" }, description: "Component slug to the status this update gives it" }),
  eta: Timestamp.nullable()
    .optional()
    .openapi({ description: "When service should be back; null says honestly that it is unknown; omit to keep" }),
  next_update_in: Duration.optional().openapi({
    description: "When the next update will come, from now (PT1M to PT24H)",
  }),
  next_update_at: Timestamp.optional().openapi({ description: "When the next update will come (at most 24 h ahead)" }),
  notify: z
    .strictObject({ twitter: z.boolean().optional(), email: z.boolean().optional(), webhook: z.boolean().optional() })
    .optional()
    .openapi({ description: "Channels to tell; each defaults to true" }),
  tweet: z.string().trim().min(1, "must not be empty").max(1000, "must be at most 1000 characters").optional().openapi({
    description:
      "Your own text for the X post instead of the generated one (like Statuspage's custom_tweet); the incident link is added. At most 280 weighted characters with the link (a public URL counts 23; CJK and emoji count 2).",
  }),
};

export const DeclareIncidentSchema = z
  .strictObject({
    title: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    status: z.enum(openStatuses).optional(),
    ...updateFields,
  })
  .openapi("DeclareIncident");

export const PostUpdateSchema = z
  .strictObject({ status: IncidentStatusSchema.optional(), ...updateFields })
  .openapi("PostIncidentUpdate");
