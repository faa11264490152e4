import { asc, inArray } from "drizzle-orm";
import type { EtaRevision } from "../../db/models.ts";
import { etaRevisions } from "../../db/schema/index.ts";
import type { ServiceContext } from "../context.ts";

/**
 * The ETA ledgers of some incidents (the open ones on the front page), oldest
 * estimate first, in one read rather than one per card.
 *
 * @example (await etaLedgers(ctx, [id])).get(id) // [{ eta, outcome: "revised" }, …]
 */
export async function etaLedgers(ctx: ServiceContext, incidentIds: string[]): Promise<Map<string, EtaRevision[]>> {
  const byIncident = new Map<string, EtaRevision[]>();
  if (!incidentIds.length) return byIncident;
  const rows = await ctx.db
    .select()
    .from(etaRevisions)
    .where(inArray(etaRevisions.incidentId, incidentIds))
    .orderBy(asc(etaRevisions.incidentId), asc(etaRevisions.promisedAt));
  for (const r of rows) byIncident.set(r.incidentId, [...(byIncident.get(r.incidentId) ?? []), r]);
  return byIncident;
}
