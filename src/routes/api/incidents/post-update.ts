import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { postIncidentUpdate } from "../../../services/incidents/index.ts";
import { fillUpdate } from "../../../services/templates/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { etaAdviceField, withEtaAdvice } from "../eta-advice/index.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import { IdParam, security, tags } from "./common.ts";
import { IncidentSchema } from "./schema/incident.ts";
import { PostUpdateSchema } from "./schema/request.ts";
import { IncidentUpdateSchema } from "./schema/update.ts";
import { incidentJson, updateJson } from "./to-json.ts";
import { toUpdateRequest } from "./to-request.ts";

/** POST /api/v1/incidents/{id}/updates: its own definition, so the OpenAPI document and the contract test read it. */
export const postIncidentUpdateRoute = createRoute({
  method: "post",
  path: "/api/v1/incidents/{id}/updates",
  tags,
  security,
  summary: "Post an update (status resolved closes the incident)",
  description: "`template` fills every field the request leaves out; a field the request gives wins.",
  middleware: requireScope("incidents:write"),
  request: { params: IdParam, body: jsonBody(PostUpdateSchema) },
  responses: {
    201: {
      description: "Posted",
      content: {
        "application/json": {
          schema: z.object({ data: IncidentUpdateSchema.extend(etaAdviceField), incident: IncidentSchema }),
        },
      },
    },
    ...writeErrors,
    ...errorResponses(404, 409),
  },
});

/** Each update renews the incident's promise; the answer carries the incident too, so a client sees the new state. */
export function registerPostIncidentUpdate(api: Api) {
  api.openapi(postIncidentUpdateRoute, async (c) => {
    const ctx = serviceContext(c);
    const body = c.req.valid("json");
    const { incident, update } = await postIncidentUpdate(ctx, {
      incidentId: c.req.valid("param").id,
      ...(await fillUpdate(ctx, toUpdateRequest(body))),
    });
    const advice = await withEtaAdvice(ctx, incident, body.eta);
    return c.json(
      { data: { ...updateJson(update), ...advice }, incident: incidentJson(incident, ctx.config.publicUrl) },
      201,
    );
  });
}
