import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../../errors.ts";
import { getIncident } from "../../../services/incidents/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { IdParam, security, tags } from "./common.ts";
import { IncidentSchema } from "./schema/incident.ts";
import { incidentJson } from "./to-json.ts";

/** GET /api/v1/incidents/{id}: any live key may read, so there is no scope middleware. */
export const getIncidentRoute = createRoute({
  method: "get",
  path: "/api/v1/incidents/{id}",
  tags,
  security,
  summary: "One incident with its updates (newest first) and ETA revisions",
  request: { params: IdParam },
  responses: {
    200: {
      description: "The incident",
      content: { "application/json": { schema: z.object({ data: IncidentSchema }) } },
    },
    ...errorResponses(401, 404),
  },
});

/** Maintenance shares the incidents table; asking for one here is a 404 that points to its own route. */
export function registerGetIncident(api: Api) {
  api.openapi(getIncidentRoute, async (c) => {
    const ctx = serviceContext(c);
    const id = c.req.valid("param").id;
    const incident = await getIncident(ctx, id);
    if (incident.kind === "maintenance") {
      throw new AppError("NOT_FOUND", `${id} is a scheduled maintenance: see /api/v1/maintenances/${id}`);
    }
    return c.json({ data: incidentJson(incident, ctx.config.publicUrl) }, 200);
  });
}
