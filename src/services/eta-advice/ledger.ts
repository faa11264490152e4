import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { etaRevisions, incidents } from "../../db/schema/index.ts";
import type { LedgerIncident } from "../../domain/eta-advice.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { countedIncidents } from "../record/counted.ts";
import { componentIdsOfIncident } from "./component-ids.ts";

type Settled = [outcome: "met" | "missed", missedBySeconds: number | null];

/**
 * Every resolved incident started since `since` with the ETAs it gave that
 * came due (met or missed), in one query: the window is found through the
 * incidents' start index and each incident's ledger through its own index,
 * so the cost follows the window, not the years of history behind it. The
 * incident the advice is for is open, so it is never among them.
 *
 * @example etaAdvice(await adviceLedger(ctx, since), query, now)
 */
export async function adviceLedger(ctx: ServiceContext, since: Date): Promise<LedgerIncident[]> {
  const rows = await queryable(ctx)
    .select({
      id: incidents.id,
      impact: incidents.impact,
      startedAt: incidents.startedAt,
      resolvedAt: incidents.resolvedAt,
      componentIds: componentIdsOfIncident(),
      etas: sql<Settled[]>`json_agg(json_build_array(${etaRevisions.outcome}, ${etaRevisions.missedBySeconds}))`,
    })
    .from(incidents)
    .innerJoin(etaRevisions, eq(etaRevisions.incidentId, incidents.id))
    .where(
      and(countedIncidents(since), isNotNull(incidents.resolvedAt), inArray(etaRevisions.outcome, ["met", "missed"])),
    )
    .groupBy(incidents.id);
  return rows.map((r) => ({
    id: r.id,
    impact: r.impact,
    componentIds: r.componentIds,
    startedAt: r.startedAt,
    resolvedAt: r.resolvedAt as Date,
    etas: r.etas.map(([outcome, overrunSeconds]) => ({ outcome, overrunSeconds })),
  }));
}
