import { z } from "@hono/zod-openapi";
import { ComponentStatusSchema, Duration, ImpactSchema, IncidentStatusSchema, Slug, Timestamp } from "../schemas.ts";

const title = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const message = z.string().trim().min(1, "must not be empty").max(5000, "must be at most 5000 characters");
const components = z
  .record(z.string(), ComponentStatusSchema)
  .openapi({ example: { db: "major_outage" }, description: "Component slug to the status the template gives it" });
const nextUpdateIn = Duration.openapi({ description: "The next-update interval it promises (PT1M to PT24H)" });

const fields = {
  name: Slug.openapi({ example: "db-down", description: 'What requests name it by (`template: "db-down"`); unique' }),
  title: title.nullable(),
  message,
  status: IncidentStatusSchema.nullable(),
  impact: ImpactSchema.nullable(),
  components,
  next_update_in: nextUpdateIn.nullable(),
};

export const CreateTemplateSchema = z
  .strictObject({
    name: fields.name,
    title: fields.title.optional().openapi({ description: "Needed to declare from it; updates ignore it" }),
    message,
    status: fields.status.optional(),
    impact: fields.impact.optional(),
    components: components.optional(),
    next_update_in: fields.next_update_in.optional(),
  })
  .openapi("CreateTemplate");

export const PatchTemplateSchema = z
  .strictObject({
    name: fields.name.optional(),
    title: fields.title.optional(),
    message: message.optional(),
    status: fields.status.optional(),
    impact: fields.impact.optional(),
    components: components.optional().openapi({ description: "Replaces the template's components" }),
    next_update_in: fields.next_update_in.optional(),
  })
  .openapi("PatchTemplate");

export const TemplateSchema = z
  .object({
    id: z.string(),
    ...fields,
    created_by: z.string(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("Template");

export const NameParam = z.object({ name: Slug.openapi({ param: { name: "name", in: "path" }, example: "db-down" }) });
