import { asc, isNull, sql } from "drizzle-orm";
import { components } from "../../db/schema/index.ts";
import type { ServiceContext } from "../context.ts";
import type { Component } from "./types.ts";

/** Live components in display order: by group, then position, then name. */
export function listComponents(ctx: ServiceContext): Promise<Component[]> {
  return ctx.db
    .select()
    .from(components)
    .where(isNull(components.deletedAt))
    .orderBy(sql`${components.groupName} nulls first`, asc(components.position), asc(components.name));
}
