import { and, eq, isNull } from "drizzle-orm";
import { components, incidentComponents } from "../../db/schema/index.ts";
import { type ComponentStatus, worstStatus } from "../../domain/components.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { type Found, openIncidentStatuses } from "../updates/index.ts";

/**
 * Each component the maintenance holds goes back to the status it had when
 * the work started, unless an incident still open gives it a worse one.
 */
export async function restoredStatuses(ctx: ServiceContext, id: string) {
  const held = await queryable(ctx)
    .select({ id: components.id, slug: components.slug, former: incidentComponents.formerStatus })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(and(eq(incidentComponents.incidentId, id), isNull(components.deletedAt)));
  const changes: Record<string, ComponentStatus> = {};
  const found: Found = new Map();
  if (!held.length) return { changes, found };
  const others = await openIncidentStatuses(
    ctx,
    id,
    held.map((c) => c.id),
  );
  for (const c of held) {
    changes[c.slug] = worstStatus([(c.former ?? "operational") as ComponentStatus, ...(others.get(c.id) ?? [])]);
    found.set(c.slug, c);
  }
  return { changes, found };
}
