import { eq } from "drizzle-orm";
import { incidentTemplates } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { queryable, type ServiceContext } from "../context.ts";
import type { Template } from "./types.ts";

/** The template with this name, or null. */
export async function findTemplate(ctx: ServiceContext, name: string): Promise<Template | null> {
  const [row] = await queryable(ctx).select().from(incidentTemplates).where(eq(incidentTemplates.name, name));
  return row ?? null;
}

/**
 * The template with this name, or the 404 a read, edit or delete of a missing one answers.
 *
 * @example await getTemplate(ctx, "db-down")
 */
export async function getTemplate(ctx: ServiceContext, name: string): Promise<Template> {
  const found = await findTemplate(ctx, name);
  if (!found) throw AppError.notFound("template", name);
  return found;
}
