import { and, eq, inArray, isNotNull, isNull, ne } from "drizzle-orm";
import { incidentComponents, incidents, integrationAlerts } from "../../db/schema/index.ts";
import type { ComponentStatus } from "../../domain/components.ts";
import { queryable, type ServiceContext } from "../context.ts";

/**
 * What every other open incident or maintenance, and every firing alert
 * (README, Alerts in), gives each of `componentIds`: a component leaving one
 * incident must not hide another's outage, or one monitoring still sees, so
 * restorations start from these. `alerts: false` leaves alerts out, for the
 * alerts' own reckoning.
 */
export async function openIncidentStatuses(
  ctx: ServiceContext,
  exceptId: string,
  componentIds: string[],
  options: { alerts?: boolean } = {},
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
  if (options.alerts !== false) {
    const firing = await queryable(ctx)
      .select({ componentId: integrationAlerts.componentId, status: integrationAlerts.status })
      .from(integrationAlerts)
      .where(
        and(
          inArray(integrationAlerts.componentId, componentIds),
          eq(integrationAlerts.state, "firing"),
          isNotNull(integrationAlerts.status),
        ),
      );
    rows.push(...(firing as typeof rows));
  }
  for (const r of rows) {
    byComponent.set(r.componentId, [...(byComponent.get(r.componentId) ?? []), r.status as ComponentStatus]);
  }
  return byComponent;
}
