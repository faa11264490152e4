import { eq } from "drizzle-orm";
import { incidents } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { getIncident } from "../incidents/get.ts";
import type { MaintenanceDetail } from "./types.ts";

/** One maintenance as the API shows it; 404 naming a maintenance for an incident's id. */
export async function getMaintenance(ctx: ServiceContext, id: string): Promise<MaintenanceDetail> {
  const [row] = await queryable(ctx).select({ kind: incidents.kind }).from(incidents).where(eq(incidents.id, id));
  if (row?.kind !== "maintenance") throw AppError.notFound("maintenance", id);
  return getIncident(ctx, id);
}
