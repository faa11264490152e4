import { and, desc, inArray, isNull } from "drizzle-orm";
import type { AffectedComponent, Incident, IncidentSummary } from "../../db/models.ts";
import { incidentUpdates } from "../../db/schema/index.ts";
import type { ServiceContext } from "../context.ts";
import { affectedComponents } from "./affected-components.ts";

/** Incident rows with their components and latest update, in the order given (lists of incidents and of maintenance share it). */
export async function listIncidentSummaries(ctx: ServiceContext, page: Incident[]): Promise<IncidentSummary[]> {
  const ids = page.map((r) => r.id);
  const [affected, latest] = ids.length
    ? await Promise.all([
        affectedComponents(ctx, ids),
        ctx.db
          .selectDistinctOn([incidentUpdates.incidentId])
          .from(incidentUpdates)
          // The latest word customers can see: a hidden update is not one.
          .where(and(inArray(incidentUpdates.incidentId, ids), isNull(incidentUpdates.hiddenAt)))
          .orderBy(incidentUpdates.incidentId, desc(incidentUpdates.seq)),
      ])
    : [new Map<string, AffectedComponent[]>(), []];
  const latestById = new Map(latest.map((u) => [u.incidentId, u]));
  return page.map((r) => ({
    ...r,
    components: affected.get(r.id) ?? [],
    latestUpdate: latestById.get(r.id) ?? null,
  }));
}
