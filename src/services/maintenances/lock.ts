import { eq } from "drizzle-orm";
import type { Incident } from "../../db/models.ts";
import { incidents } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { queryable, type ServiceContext } from "../context.ts";

/** Locks a maintenance's row for a change, so concurrent changes take turns; 404 for anything else. */
export async function lockMaintenance(ctx: ServiceContext, id: string): Promise<Incident> {
  const [row] = await queryable(ctx).select().from(incidents).where(eq(incidents.id, id)).for("update");
  if (row?.kind !== "maintenance") throw AppError.notFound("maintenance", id);
  return row;
}
