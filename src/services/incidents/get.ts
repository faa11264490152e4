import { asc, desc, eq } from "drizzle-orm";
import type { IncidentDetail, PromiseRecord } from "../../db/models.ts";
import { etaRevisions, incidents, incidentUpdates } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { affectedComponents } from "./affected-components.ts";
import { promiseRecords } from "./promise-records.ts";

/**
 * One incident with its components, updates (newest first), ETA ledger and
 * promise record: everything its page, its API document and its webhook need.
 * Maintenance too: callers that want only incidents check `kind`.
 */
export async function getIncident(ctx: ServiceContext, id: string): Promise<IncidentDetail> {
  const [incident] = await queryable(ctx).select().from(incidents).where(eq(incidents.id, id));
  if (!incident) throw AppError.notFound("incident", id);
  const [affected, updates, revisions, promises] = await Promise.all([
    affectedComponents(ctx, [id]),
    queryable(ctx)
      .select()
      .from(incidentUpdates)
      .where(eq(incidentUpdates.incidentId, id))
      .orderBy(desc(incidentUpdates.seq)),
    queryable(ctx)
      .select()
      .from(etaRevisions)
      .where(eq(etaRevisions.incidentId, id))
      .orderBy(asc(etaRevisions.promisedAt)),
    promiseRecords(ctx, [id]),
  ]);
  return {
    ...incident,
    components: affected.get(id) ?? [],
    updates,
    etaRevisions: revisions,
    promises: promises.get(id) as PromiseRecord,
  };
}
