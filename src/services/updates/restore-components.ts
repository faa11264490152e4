import { and, eq, isNull } from "drizzle-orm";
import { components, incidentComponents } from "../../db/schema/index.ts";
import { type ComponentStatus, worstStatus } from "../../domain/components.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { openIncidentStatuses } from "./open-incident-statuses.ts";
import type { Found } from "./resolve-components.ts";

/**
 * On resolution, each component this incident touched and the request does
 * not set goes back to the worst status another open incident still gives it,
 * or to operational when none does. Adds those to `requested` and `found`.
 */
export async function restoreComponents(
  ctx: ServiceContext,
  incidentId: string,
  found: Found,
  requested: Record<string, ComponentStatus>,
): Promise<void> {
  const affected = await queryable(ctx)
    .select({ id: components.id, slug: components.slug })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(and(eq(incidentComponents.incidentId, incidentId), isNull(components.deletedAt)));
  const toRestore = affected.filter((c) => !(c.slug in requested));
  if (!toRestore.length) return;
  const others = await openIncidentStatuses(
    ctx,
    incidentId,
    toRestore.map((c) => c.id),
  );
  for (const c of toRestore) {
    requested[c.slug] = worstStatus(others.get(c.id) ?? []);
    found.set(c.slug, c);
  }
}
