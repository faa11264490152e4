import { and, eq, inArray } from "drizzle-orm";
import { etaRevisions, incidents } from "../../db/schema/index.ts";
import { median } from "../../domain/eta-advice.ts";
import type { ServiceContext } from "../context.ts";
import { countedIncidents } from "../record/counted.ts";
import { promiseRecords } from "./promise-records.ts";

export type PromiseStats = {
  since: Date;
  incidents: number;
  eta: { settled: number; met: number; missed: number; metShare: number | null; medianOverrunSeconds: number | null };
  nextUpdate: {
    settled: number;
    keptByEngineersShare: number | null;
    keptByMachineShare: number | null;
    missedShare: number | null;
  };
};

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : null);

/**
 * How well promises were kept over incidents started in the last `days` days.
 * Incidents only: a maintenance's planned end is a plan made days ahead, not
 * an estimate made under pressure, and would flatter (or muddy) the record.
 * Nor backfills: recorded afterwards, they promised nothing at the time.
 *
 * @example
 * const stats = await promiseStats(ctx, { days: 90 });
 */
export async function promiseStats(ctx: ServiceContext, input: { days?: number } = {}): Promise<PromiseStats> {
  const { days = 90 } = input;
  const since = new Date(ctx.clock().getTime() - days * 86_400_000);
  const recent = await ctx.db.select({ id: incidents.id }).from(incidents).where(countedIncidents(since));
  const ids = recent.map((r) => r.id);
  const overruns = ids.length
    ? await ctx.db
        .select({ seconds: etaRevisions.missedBySeconds })
        .from(etaRevisions)
        .where(and(inArray(etaRevisions.incidentId, ids), eq(etaRevisions.outcome, "missed")))
    : [];
  let met = 0;
  let missed = 0;
  let byEngineers = 0;
  let byMachine = 0;
  let late = 0;
  for (const record of (await promiseRecords(ctx, ids)).values()) {
    met += record.eta.met;
    missed += record.eta.missed;
    byEngineers += record.nextUpdate.keptByEngineers;
    byMachine += record.nextUpdate.keptByMachine;
    late += record.nextUpdate.missed;
  }
  const settled = byEngineers + byMachine + late;
  return {
    since,
    incidents: ids.length,
    eta: {
      settled: met + missed,
      met,
      missed,
      metShare: share(met, met + missed),
      medianOverrunSeconds: median(overruns.map((o) => o.seconds ?? 0)),
    },
    nextUpdate: {
      settled,
      keptByEngineersShare: share(byEngineers, settled),
      keptByMachineShare: share(byMachine, settled),
      missedShare: share(late, settled),
    },
  };
}
