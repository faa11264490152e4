import { createRoute, z } from "@hono/zod-openapi";
import { promiseStats } from "../../../services/incidents/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, Timestamp } from "../schemas.ts";

const share = z.number().min(0).max(1).nullable();

const PromiseStatsSchema = z
  .object({
    since: Timestamp,
    incidents: z.number().int(),
    eta: z.object({
      settled: z.number().int(),
      met: z.number().int(),
      missed: z.number().int(),
      met_share: share,
      median_overrun_seconds: z.number().int().nullable(),
    }),
    next_update: z.object({
      settled: z.number().int(),
      kept_by_engineers_share: share,
      kept_by_machine_share: share,
      missed_share: share,
    }),
  })
  .openapi("PromiseStats");

/** How well Candor and its engineers kept their word over the last 90 days. */
export function registerStatsRoutes(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/stats/promises",
      tags: ["Stats"],
      security: [{ Bearer: [] }],
      summary: "Promise record over the last 90 days",
      description:
        "Shares are fractions from 0 to 1 (null when nothing is settled yet). ETAs settle as met or missed; next-update promises as kept by engineers, kept by the machine (an automatic update on time) or missed.",
      responses: {
        200: {
          description: "Promise statistics",
          content: { "application/json": { schema: z.object({ data: PromiseStatsSchema }) } },
        },
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const s = await promiseStats(serviceContext(c));
      return c.json(
        {
          data: {
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
          },
        },
        200,
      );
    },
  );
}
