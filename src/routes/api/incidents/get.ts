import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../../errors.ts";
import { getIncident } from "../../../services/incidents/index.ts";
import { countHeardPeople } from "../../../services/mentions/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { IdParam, security, tags } from "./common.ts";
import { IncidentSchema } from "./schema/incident.ts";
import { incidentJson } from "./to-json.ts";

/** GET /api/v1/incidents/{id}: any live key may read, so there is no scope middleware. */
/** How many people were heard on X about it (a count; who is in the inbox, for mentions:read). */
const HeardSchema = z.object({
  people: z.number().int().openapi({ description: "distinct people heard on X while it was open" }),
  inbox: z.string().openapi({ example: "/api/v1/mentions?incident=inc_4k2x9v7m1q3r8t5w" }),
});

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
      content: { "application/json": { schema: z.object({ data: IncidentSchema.extend({ heard: HeardSchema }) }) } },
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
    const heard = { people: await countHeardPeople(ctx, id), inbox: `/api/v1/mentions?incident=${id}` };
    return c.json({ data: { ...incidentJson(incident, ctx.config.publicUrl), heard } }, 200);
  });
}
