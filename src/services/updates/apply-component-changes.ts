import { eq } from "drizzle-orm";
import { components, incidentComponents } from "../../db/schema/index.ts";
import type { ComponentStatus } from "../../domain/components.ts";
import { queryable, type ServiceContext } from "../context.ts";
import type { Found } from "./resolve-components.ts";

/**
 * Gives components the statuses an update sets, and records what this
 * incident gives each one, so a later resolution knows what to restore.
 */
export async function applyComponentChanges(
  ctx: ServiceContext,
  input: { incidentId: string; changes: Record<string, ComponentStatus>; found: Found; now: Date },
): Promise<void> {
  const tx = queryable(ctx);
  const { incidentId, now } = input;
  for (const [slug, status] of Object.entries(input.changes)) {
    const componentId = (input.found.get(slug) as { id: string }).id;
    await tx.update(components).set({ status, updatedAt: now }).where(eq(components.id, componentId));
    await tx
      .insert(incidentComponents)
      .values({ incidentId, componentId, status })
      .onConflictDoUpdate({ target: [incidentComponents.incidentId, incidentComponents.componentId], set: { status } });
  }
}
