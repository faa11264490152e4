import { eq, inArray } from "drizzle-orm";
import { components, incidentComponents, incidents } from "../../db/schema/index.ts";
import type { ComponentStatus } from "../../domain/components.ts";
import { recordStatusChange } from "../components/record-status-change.ts";
import { queryable, type ServiceContext } from "../context.ts";
import type { Found } from "./resolve-components.ts";

/**
 * Gives components the statuses an update sets, and records what this
 * incident gives each one, so a later resolution knows what to restore.
 * Each real change is recorded (component_events, component.update webhooks)
 * as the incident's or the maintenance's doing.
 */
export async function applyComponentChanges(
  ctx: ServiceContext,
  input: { incidentId: string; changes: Record<string, ComponentStatus>; found: Found; now: Date },
): Promise<void> {
  const tx = queryable(ctx);
  const { incidentId, now } = input;
  const entries = Object.entries(input.changes);
  if (!entries.length) return;
  const ids = entries.map(([slug]) => (input.found.get(slug) as { id: string }).id);
  const before = await tx
    .select({ id: components.id, status: components.status })
    .from(components)
    .where(inArray(components.id, ids));
  const previous = new Map(before.map((c) => [c.id, c.status]));
  const [incident] = await tx.select({ kind: incidents.kind }).from(incidents).where(eq(incidents.id, incidentId));
  const cause = incident?.kind === "maintenance" ? "maintenance" : "incident";
  for (const [i, [, status]] of entries.entries()) {
    const componentId = ids[i];
    await tx.update(components).set({ status, updatedAt: now }).where(eq(components.id, componentId));
    await tx
      .insert(incidentComponents)
      .values({ incidentId, componentId, status })
      .onConflictDoUpdate({ target: [incidentComponents.incidentId, incidentComponents.componentId], set: { status } });
    const from = previous.get(componentId) ?? status;
    await recordStatusChange(tx, { componentId, previous: from, status, cause, incidentId, now });
  }
}
