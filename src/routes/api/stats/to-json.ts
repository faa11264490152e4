import type { z } from "@hono/zod-openapi";
import type { PromiseStats } from "../../../services/incidents/index.ts";
import type { PromiseStatsSchema } from "./schema.ts";

/** The promise record in the API's snake_case, with the window's start as an ISO time. */
export function promiseStatsJson(s: PromiseStats): z.infer<typeof PromiseStatsSchema> {
  return {
    since: s.since.toISOString(),
    incidents: s.incidents,
    eta: {
      settled: s.eta.settled,
      met: s.eta.met,
      missed: s.eta.missed,
      met_share: s.eta.metShare,
      median_overrun_seconds: s.eta.medianOverrunSeconds,
    },
    next_update: {
      settled: s.nextUpdate.settled,
      kept_by_engineers_share: s.nextUpdate.keptByEngineersShare,
      kept_by_machine_share: s.nextUpdate.keptByMachineShare,
      missed_share: s.nextUpdate.missedShare,
    },
  };
}
