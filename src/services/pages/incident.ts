import type { IncidentDetail } from "../../db/models.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import { getIncident } from "../incidents/index.ts";

/**
 * The incident or maintenance `/incidents/{id}` shows, or null when there is
 * none (the page answers with its own 404, never the API's JSON).
 *
 * @example const incident = await loadIncidentPage(ctx, id); // null → 404 page
 */
export async function loadIncidentPage(ctx: ServiceContext, id: string): Promise<IncidentDetail | null> {
  try {
    return await getIncident(ctx, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return null;
    throw err;
  }
}
