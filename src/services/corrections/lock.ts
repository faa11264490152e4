import { and, eq } from "drizzle-orm";
import type { Incident, IncidentUpdate } from "../../db/models.ts";
import { incidents, incidentUpdates } from "../../db/schema/index.ts";
import type { UpdateKind } from "../../domain/incidents.ts";
import { automaticKinds } from "../../domain/maintenance.ts";
import { AppError } from "../../errors.ts";
import { queryable, type ServiceContext } from "../context.ts";

/**
 * The incident a correction changes, locked so corrections and new updates
 * take turns. Incidents only: maintenance has its own edit route.
 */
export async function lockIncident(ctx: ServiceContext, id: string): Promise<Incident> {
  const [current] = await queryable(ctx).select().from(incidents).where(eq(incidents.id, id)).for("update");
  if (!current) throw AppError.notFound("incident", id);
  if (current.kind === "maintenance") {
    throw AppError.conflict(`${id} is a scheduled maintenance; correct it with PATCH /api/v1/maintenances/${id}`);
  }
  return current;
}

/**
 * One of the incident's updates, for a correction (`verb`: "corrected" or
 * "hidden"). Candor's own updates are refused: their words are generated
 * from the promise record and state a kept promise (a holding update, an
 * admitted missed ETA), so they are never a person's typo, and changing them
 * would change what the record says was kept.
 */
export async function lockUpdate(
  ctx: ServiceContext,
  incidentId: string,
  updateId: string,
  verb: "corrected" | "hidden",
): Promise<IncidentUpdate> {
  const [update] = await queryable(ctx)
    .select()
    .from(incidentUpdates)
    .where(and(eq(incidentUpdates.id, updateId), eq(incidentUpdates.incidentId, incidentId)))
    .for("update");
  if (!update) throw new AppError("NOT_FOUND", `incident ${incidentId} has no update ${updateId}`);
  if (automaticKinds.has(update.kind as UpdateKind)) {
    throw AppError.conflict(
      `update ${updateId} was posted by Candor itself (${update.kind}): its words are generated from the promise record, so it cannot be ${verb}; post an update to add to it`,
    );
  }
  return update;
}
