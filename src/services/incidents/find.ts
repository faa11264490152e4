import type { IncidentDetail } from "../../db/models.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import { getIncident } from "./get.ts";

/**
 * One incident with its updates and components, or null once it is gone: what
 * a channel that tells the whole incident (webhooks) loads for each update.
 */
export async function findIncident(ctx: ServiceContext, id: string): Promise<IncidentDetail | null> {
  try {
    return await getIncident(ctx, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return null;
    throw err;
  }
}
