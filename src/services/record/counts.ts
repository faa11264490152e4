import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { etaRevisions, incidents, incidentUpdates } from "../../db/schema/index.ts";
import type { IncidentPromiseCounts } from "../../render/views/record.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { outerIncidentId } from "../eta-advice/component-ids.ts";
import { countedIncidents } from "./counted.ts";

const count = (table: typeof etaRevisions | typeof incidentUpdates, where: ReturnType<typeof and>) =>
  sql<number>`(select count(*)::int from ${table} where ${table.incidentId} = ${outerIncidentId} and ${where})`;

/**
 * Each incident started since `since` with how its promises turned out: ETAs
 * met and missed, next-update promises kept on time (by engineers or by the
 * machine) and missed. One query; each count reads its incident's rows
 * through that table's incident index.
 *
 * @example recordTotals(await recordCounts(ctx, since))
 */
export async function recordCounts(ctx: ServiceContext, since: Date): Promise<IncidentPromiseCounts[]> {
  const keptOutcomes = ["kept_by_engineer", "kept_by_machine"];
  return queryable(ctx)
    .select({
      id: incidents.id,
      startedAt: incidents.startedAt,
      etasMet: count(etaRevisions, and(isNotNull(etaRevisions.eta), eq(etaRevisions.outcome, "met"))),
      etasMissed: count(etaRevisions, and(isNotNull(etaRevisions.eta), eq(etaRevisions.outcome, "missed"))),
      updatesOnTime: count(incidentUpdates, inArray(incidentUpdates.promiseOutcome, keptOutcomes)),
      updatesLate: count(incidentUpdates, eq(incidentUpdates.promiseOutcome, "missed")),
    })
    .from(incidents)
    .where(countedIncidents(since));
}
