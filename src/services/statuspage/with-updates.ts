import { asc, inArray } from "drizzle-orm";
import type { IncidentSummary, IncidentUpdate } from "../../db/models.ts";
import { incidentUpdates } from "../../db/schema/index.ts";
import type { IncidentWithUpdates } from "../../render/statuspage/index.ts";
import type { ServiceContext } from "../context.ts";

/**
 * Each incident or maintenance with every update, oldest first, in one read.
 *
 * @example (await withUpdates(ctx, found))[0].updates // oldest first
 */
export async function withUpdates(ctx: ServiceContext, found: IncidentSummary[]): Promise<IncidentWithUpdates[]> {
  if (!found.length) return [];
  const updates = await ctx.db
    .select()
    .from(incidentUpdates)
    .where(
      inArray(
        incidentUpdates.incidentId,
        found.map((i) => i.id),
      ),
    )
    .orderBy(asc(incidentUpdates.seq));
  const byIncident = new Map<string, IncidentUpdate[]>();
  for (const u of updates) byIncident.set(u.incidentId, [...(byIncident.get(u.incidentId) ?? []), u]);
  return found.map((i) => ({ ...i, updates: byIncident.get(i.id) ?? [] }));
}
