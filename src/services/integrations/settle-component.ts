import { and, eq, isNotNull } from "drizzle-orm";
import { alertBaselines, components, integrationAlerts } from "../../db/schema/index.ts";
import { type ComponentStatus, worstStatus } from "../../domain/components.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { openIncidentStatuses } from "../updates/open-incident-statuses.ts";
import { type AlertCause, setComponentStatus } from "./set-component-status.ts";

/**
 * Gives a component the status its alerts and open incidents call for,
 * after the alerts about it changed. While any alert holds it: the worst of
 * the firing alerts, never better than an open incident or maintenance
 * says. When the last one resolves: the status it had before alerts took
 * hold, unless an open incident or maintenance still holds it, whose status
 * it then keeps. Returns the change, if there was one.
 */
export async function settleComponent(
  ctx: ServiceContext,
  componentId: string,
  cause: AlertCause,
): Promise<{ component: string; from: string; to: ComponentStatus } | null> {
  const tx = queryable(ctx);
  const [component] = await tx.select().from(components).where(eq(components.id, componentId)).for("update");
  if (!component || component.deletedAt) return null;
  const firing = await tx
    .select({ status: integrationAlerts.status })
    .from(integrationAlerts)
    .where(
      and(
        eq(integrationAlerts.componentId, componentId),
        eq(integrationAlerts.state, "firing"),
        isNotNull(integrationAlerts.status),
      ),
    );
  const [baseline] = await tx.select().from(alertBaselines).where(eq(alertBaselines.componentId, componentId));
  const held = (await openIncidentStatuses(ctx, "", [componentId], { alerts: false })).get(componentId) ?? [];
  let to: ComponentStatus;
  if (firing.length) {
    if (!baseline) {
      // Under an open incident the status is the incident's, which its resolution takes back to operational.
      const status = held.length ? "operational" : component.status;
      await tx.insert(alertBaselines).values({ componentId, status, since: ctx.clock() });
    }
    to = worstStatus([...firing.map((f) => f.status as ComponentStatus), ...held]);
  } else {
    if (!baseline) return null;
    await tx.delete(alertBaselines).where(eq(alertBaselines.componentId, componentId));
    to = held.length ? worstStatus(held) : (baseline.status as ComponentStatus);
  }
  if (to === component.status) return null;
  await setComponentStatus(ctx, { component, to, cause });
  return { component: component.slug, from: component.status, to };
}
