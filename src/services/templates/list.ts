import { asc } from "drizzle-orm";
import { incidentTemplates } from "../../db/schema/index.ts";
import type { ServiceContext } from "../context.ts";
import type { Template } from "./types.ts";

/** Every template, by name: a team keeps a handful, so there is no paging. */
export function listTemplates(ctx: ServiceContext): Promise<Template[]> {
  return ctx.db.select().from(incidentTemplates).orderBy(asc(incidentTemplates.name));
}
