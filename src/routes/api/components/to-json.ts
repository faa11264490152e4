import type { z } from "@hono/zod-openapi";
import type { Component } from "../../../services/components/index.ts";
import { type ComponentStatusSchema, iso } from "../schemas.ts";
import type { ComponentSchema } from "./schema.ts";

/** A component as JSON: the stored group name is `group` in the API. */
export function componentJson(c: Component): z.infer<typeof ComponentSchema> {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    description: c.description,
    group: c.groupName,
    position: c.position,
    status: c.status as z.infer<typeof ComponentStatusSchema>,
    created_at: iso(c.createdAt) as string,
    updated_at: iso(c.updatedAt) as string,
  };
}
