import { asc, eq, inArray } from "drizzle-orm";
import type { AffectedComponent } from "../../db/models.ts";
import { components, incidentComponents } from "../../db/schema/index.ts";
import { queryable, type ServiceContext } from "../context.ts";

/** The components each incident touches, by incident id, in page order (one query for a whole page). */
export async function affectedComponents(
  ctx: ServiceContext,
  ids: string[],
): Promise<Map<string, AffectedComponent[]>> {
  const rows = await queryable(ctx)
    .select({
      incidentId: incidentComponents.incidentId,
      id: components.id,
      slug: components.slug,
      name: components.name,
      status: incidentComponents.status,
    })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(inArray(incidentComponents.incidentId, ids))
    .orderBy(asc(components.position), asc(components.name));
  const byIncident = new Map<string, AffectedComponent[]>();
  for (const { incidentId, ...c } of rows) byIncident.set(incidentId, [...(byIncident.get(incidentId) ?? []), c]);
  return byIncident;
}
