import { createRoute, z } from "@hono/zod-openapi";
import { listIncidents } from "../../../services/incidents/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { IncidentSummarySchema } from "./schema/incident.ts";
import { ListIncidentsQuery } from "./schema/query.ts";
import { incidentSummaryJson } from "./to-json.ts";

/** GET /api/v1/incidents: any live key may read, so there is no scope middleware. */
export const listIncidentsRoute = createRoute({
  method: "get",
  path: "/api/v1/incidents",
  tags,
  security,
  summary: "List incidents, newest first",
  request: { query: ListIncidentsQuery },
  responses: {
    200: {
      description: "A page of incidents",
      content: {
        "application/json": {
          schema: z.object({ data: z.array(IncidentSummarySchema), next_cursor: z.string().nullable() }),
        },
      },
    },
    ...errorResponses(400, 401),
  },
});

/** Pages by cursor rather than offset, so incidents declared meanwhile do not shift the pages. */
export function registerListIncidents(api: Api) {
  api.openapi(listIncidentsRoute, async (c) => {
    const ctx = serviceContext(c);
    const q = c.req.valid("query");
    const page = await listIncidents(ctx, { state: q.state, limit: q.limit, cursor: q.cursor });
    return c.json(
      { data: page.incidents.map((i) => incidentSummaryJson(i, ctx.config.publicUrl)), next_cursor: page.nextCursor },
      200,
    );
  });
}
