import { z } from "@hono/zod-openapi";
import { Timestamp } from "../schemas.ts";

const share = z.number().min(0).max(1).nullable();

export const PromiseStatsSchema = z
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
