import type { z } from "@hono/zod-openapi";
import { formatDuration, parseDuration } from "../../../lib/duration.ts";
import type { Template, TemplateInput, TemplatePatch } from "../../../services/templates/index.ts";
import type { ComponentStatusSchema, ImpactSchema, IncidentStatusSchema } from "../schemas.ts";
import type { CreateTemplateSchema, PatchTemplateSchema, TemplateSchema } from "./schema.ts";

type Json<T extends z.ZodType> = z.infer<T>;

/** A template as JSON: components by slug, the interval as an ISO 8601 duration. */
export function templateJson(t: Template): Json<typeof TemplateSchema> {
  return {
    id: t.id,
    name: t.name,
    title: t.title,
    message: t.message,
    status: t.status as Json<typeof IncidentStatusSchema> | null,
    impact: t.impact as Json<typeof ImpactSchema> | null,
    components: Object.fromEntries(t.components.map((c) => [c.slug, c.status as Json<typeof ComponentStatusSchema>])),
    next_update_in: t.nextUpdateInMs === null ? null : formatDuration(t.nextUpdateInMs),
    created_by: t.createdBy,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}

const interval = (given: string | null | undefined) =>
  given === undefined ? undefined : given === null ? null : (parseDuration(given) as number);

/** A validated body as the service's input, the interval in milliseconds. */
export function toTemplateInput(body: Json<typeof CreateTemplateSchema>): TemplateInput {
  const { next_update_in, ...rest } = body;
  return { ...rest, nextUpdateInMs: interval(next_update_in) };
}

/** A validated patch as the service's, the interval in milliseconds. */
export function toTemplatePatch(body: Json<typeof PatchTemplateSchema>): TemplatePatch {
  const { next_update_in, ...rest } = body;
  return { ...rest, nextUpdateInMs: interval(next_update_in) };
}
