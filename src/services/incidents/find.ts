import type { IncidentDetail } from "../../db/models.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import { getIncident } from "./get.ts";

/**
 * One incident with its updates and components, or null when there is none:
 * what the webhook channel loads for each update, and what /incidents/{id}
 * shows (its own 404 page for null, never the API's JSON).
 */
export async function findIncident(ctx: ServiceContext, id: string): Promise<IncidentDetail | null> {
  try {
    return await getIncident(ctx, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return null;
    throw err;
  }
}
