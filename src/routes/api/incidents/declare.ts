import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { declareIncident } from "../../../services/incidents/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { jsonBody, writeErrors } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { IncidentSchema } from "./schema/incident.ts";
import { DeclareIncidentSchema } from "./schema/request.ts";
import { incidentJson } from "./to-json.ts";
import { toUpdateRequest } from "./to-request.ts";

/** POST /api/v1/incidents: its own definition, so the OpenAPI document and the contract test read it. */
export const declareIncidentRoute = createRoute({
  method: "post",
  path: "/api/v1/incidents",
  tags,
  security,
  summary: "Declare an incident",
  description: "Opens an incident with its first update. Every update carries a promise: an ETA or a next-update time.",
  middleware: requireScope("incidents:write"),
  request: { body: jsonBody(DeclareIncidentSchema) },
  responses: {
    201: {
      description: "Declared",
      content: { "application/json": { schema: z.object({ data: IncidentSchema }) } },
    },
    ...writeErrors,
  },
});

/** Declaring is how an outage becomes public: the body is validated here, the rules live in the service. */
export function registerDeclareIncident(api: Api) {
  api.openapi(declareIncidentRoute, async (c) => {
    const body = c.req.valid("json");
    const ctx = serviceContext(c);
    const incident = await declareIncident(ctx, { ...toUpdateRequest(body), title: body.title });
    return c.json({ data: incidentJson(incident, ctx.config.publicUrl) }, 201);
  });
}
