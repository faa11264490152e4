import { createRoute, z } from "@hono/zod-openapi";
import { listMaintenances } from "../../../services/maintenances/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { MaintenanceSummarySchema } from "./schema/maintenance.ts";
import { ListMaintenancesQuery } from "./schema/query.ts";
import { maintenanceSummaryJson } from "./to-json.ts";

/** GET /api/v1/maintenances: any live key may read, so there is no scope middleware. */
export const listMaintenancesRoute = createRoute({
  method: "get",
  path: "/api/v1/maintenances",
  tags,
  security,
  summary: "List maintenance",
  description:
    "upcoming: scheduled, soonest first; active: in progress or verifying; open: both; past: completed or cancelled, latest first. Without state: all, latest window first.",
  request: { query: ListMaintenancesQuery },
  responses: {
    200: {
      description: "Maintenance",
      content: { "application/json": { schema: z.object({ data: z.array(MaintenanceSummarySchema) }) } },
    },
    ...errorResponses(400, 401),
  },
});

/** Lists maintenance by where it stands in its life, which is how operators look for it. */
export function registerListMaintenances(api: Api) {
  api.openapi(listMaintenancesRoute, async (c) => {
    const ctx = serviceContext(c);
    const q = c.req.valid("query");
    const rows = await listMaintenances(ctx, { state: q.state, limit: q.limit });
    return c.json({ data: rows.map((m) => maintenanceSummaryJson(m, ctx.config.publicUrl)) }, 200);
  });
}
