import { createRoute, z } from "@hono/zod-openapi";
import { promiseStats } from "../../../services/incidents/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { bearer, errorResponses } from "../schemas.ts";
import { PromiseStatsSchema } from "./schema.ts";
import { promiseStatsJson } from "./to-json.ts";

/** GET /api/v1/stats/promises: any live key may read, so there is no scope middleware. */
export const promiseStatsRoute = createRoute({
  method: "get",
  path: "/api/v1/stats/promises",
  tags: ["Stats"],
  security: bearer,
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
});

/** How well Candor and its engineers kept their word over the last 90 days. */
export function registerPromiseStats(api: Api) {
  api.openapi(promiseStatsRoute, async (c) => {
    const s = await promiseStats(serviceContext(c));
    return c.json({ data: promiseStatsJson(s) }, 200);
  });
}
