import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { backfillIncident, declareIncident } from "../../../services/incidents/index.ts";
import { fillDeclare } from "../../../services/templates/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { etaAdviceField, withEtaAdvice } from "../eta-advice/index.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { IncidentSchema } from "./schema/incident.ts";
import { DeclareIncidentSchema } from "./schema/request.ts";
import { incidentJson } from "./to-json.ts";
import { toBackfillRequest, toUpdateRequest } from "./to-request.ts";

/** POST /api/v1/incidents: its own definition, so the OpenAPI document and the contract test read it. */
export const declareIncidentRoute = createRoute({
  method: "post",
  path: "/api/v1/incidents",
  tags,
  security,
  summary: "Declare an incident, or record a past one",
  description:
    "Opens an incident with its first update. Every update carries a promise: an ETA or a next-update time. `template` fills every field the request leaves out. With `backfill: true`, records a past incident instead (started_at, resolved_at and its updates with their times): nothing is sent, nothing promised, and the promise statistics leave it out; refused (409) when it overlaps another incident on one of the same components.",
  middleware: requireScope("incidents:write"),
  request: { body: jsonBody(DeclareIncidentSchema) },
  responses: {
    201: {
      description: "Declared",
      content: { "application/json": { schema: z.object({ data: IncidentSchema.extend(etaAdviceField) }) } },
    },
    ...writeErrors,
    ...errorResponses(409),
  },
});

/** Declaring is how an outage becomes public: the body is validated here, the rules live in the service. */
export function registerDeclareIncident(api: Api) {
  api.openapi(declareIncidentRoute, async (c) => {
    const body = c.req.valid("json");
    const ctx = serviceContext(c);
    const incident = body.backfill
      ? await backfillIncident(ctx, toBackfillRequest(body))
      : await declareIncident(ctx, await fillDeclare(ctx, { ...toUpdateRequest(body), title: body.title }));
    // A backfill makes no promises, so there is nothing to advise on.
    const advice = body.backfill ? {} : await withEtaAdvice(ctx, incident, body.eta);
    return c.json({ data: { ...incidentJson(incident, ctx.config.publicUrl), ...advice } }, 201);
  });
}
