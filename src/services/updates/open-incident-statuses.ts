import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import { incidentComponents, incidents } from "../../db/schema/index.ts";
import type { ComponentStatus } from "../../domain/components.ts";
import { queryable, type ServiceContext } from "../context.ts";

/**
 * What every other open incident or maintenance gives each of
 * `componentIds`: a component leaving one incident must not hide another's
 * outage, so restorations start from these.
 */
export async function openIncidentStatuses(
  ctx: ServiceContext,
  exceptId: string,
  componentIds: string[],
): Promise<Map<string, ComponentStatus[]>> {
  const byComponent = new Map<string, ComponentStatus[]>();
  if (!componentIds.length) return byComponent;
  const rows = await queryable(ctx)
    .select({ componentId: incidentComponents.componentId, status: incidentComponents.status })
    .from(incidentComponents)
    .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
    .where(
      and(
        inArray(incidentComponents.componentId, componentIds),
        ne(incidentComponents.incidentId, exceptId),
        isNull(incidents.resolvedAt),
        // A maintenance still only scheduled gives nothing yet.
        ne(incidentComponents.status, "operational"),
      ),
    );
  for (const r of rows) {
    byComponent.set(r.componentId, [...(byComponent.get(r.componentId) ?? []), r.status as ComponentStatus]);
  }
  return byComponent;
}
