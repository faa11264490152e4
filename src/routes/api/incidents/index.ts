import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../../errors.ts";
import { requireScope } from "../../../middleware/auth.ts";
import { declareIncident, getIncident, listIncidents, postIncidentUpdate } from "../../../services/incidents/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import {
  DeclareIncidentSchema,
  IncidentSchema,
  IncidentSummarySchema,
  IncidentUpdateSchema,
  incidentJson,
  incidentSummaryJson,
  PostUpdateSchema,
  toUpdateRequest,
  updateJson,
} from "./schema.ts";

const tags = ["Incidents"];
const security = [{ Bearer: [] }];
const IdParam = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "inc_4k2x9v7m1q3r8t5w" }),
});

/** Registers declaring, updating and reading incidents. */
export function registerIncidentRoutes(api: Api) {
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/incidents",
      tags,
      security,
      summary: "Declare an incident",
      description:
        "Opens an incident with its first update. Every update carries a promise: an ETA or a next-update time.",
      middleware: requireScope("incidents:write"),
      request: { body: jsonBody(DeclareIncidentSchema) },
      responses: {
        201: {
          description: "Declared",
          content: { "application/json": { schema: z.object({ data: IncidentSchema }) } },
        },
        ...writeErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const ctx = serviceContext(c);
      const incident = await declareIncident(ctx, { ...toUpdateRequest(body), title: body.title });
      return c.json({ data: incidentJson(incident, ctx.config.publicUrl) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/incidents/{id}/updates",
      tags,
      security,
      summary: "Post an update (status resolved closes the incident)",
      middleware: requireScope("incidents:write"),
      request: { params: IdParam, body: jsonBody(PostUpdateSchema) },
      responses: {
        201: {
          description: "Posted",
          content: {
            "application/json": { schema: z.object({ data: IncidentUpdateSchema, incident: IncidentSchema }) },
          },
        },
        ...writeErrors,
        ...errorResponses(404, 409),
      },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const { incident, update } = await postIncidentUpdate(ctx, {
        incidentId: c.req.valid("param").id,
        ...toUpdateRequest(c.req.valid("json")),
      });
      return c.json({ data: updateJson(update), incident: incidentJson(incident, ctx.config.publicUrl) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/incidents",
      tags,
      security,
      summary: "List incidents, newest first",
      request: {
        query: z.object({
          state: z.enum(["open", "resolved"]).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(200).optional().openapi({ description: "next_cursor from the previous page" }),
        }),
      },
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
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const q = c.req.valid("query");
      const page = await listIncidents(ctx, { state: q.state, limit: q.limit, cursor: q.cursor });
      return c.json(
        { data: page.incidents.map((i) => incidentSummaryJson(i, ctx.config.publicUrl)), next_cursor: page.nextCursor },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
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
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const id = c.req.valid("param").id;
      const incident = await getIncident(ctx, id);
      if (incident.kind === "maintenance") {
        throw new AppError("NOT_FOUND", `${id} is a scheduled maintenance: see /api/v1/maintenances/${id}`);
      }
      return c.json({ data: incidentJson(incident, ctx.config.publicUrl) }, 200);
    },
  );
}
