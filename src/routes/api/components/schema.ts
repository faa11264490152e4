import { z } from "@hono/zod-openapi";
import { ComponentStatusSchema, Slug, Timestamp } from "../schemas.ts";

const name = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");
const description = z.string().max(1000, "must be at most 1000 characters").nullable();
const group = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters").nullable();
const position = z.number().int("must be a whole number").min(0).max(100_000);

export const CreateComponentSchema = z
  .strictObject({
    slug: Slug,
    name,
    description: description.optional(),
    group: group.optional(),
    position: position.optional(),
  })
  .openapi("CreateComponent");

export const PatchComponentSchema = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    group: group.optional(),
    position: position.optional(),
    status: ComponentStatusSchema.optional(),
  })
  .openapi("PatchComponent");

export const ComponentSchema = z
  .object({
    id: z.string(),
    slug: Slug,
    name: z.string(),
    description: z.string().nullable(),
    group: z.string().nullable(),
    position: z.number().int(),
    status: ComponentStatusSchema,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("Component");

export const SlugParam = z.object({ slug: Slug.openapi({ param: { name: "slug", in: "path" } }) });
