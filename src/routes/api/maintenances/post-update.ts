import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { postMaintenanceUpdate } from "../../../services/maintenances/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import { IdParam, one, security, tags } from "./common.ts";
import { MaintenanceUpdateSchema } from "./schema/request.ts";
import { maintenanceJson } from "./to-json.ts";
import { toProgressRequest } from "./to-request.ts";

/** POST /api/v1/maintenances/{id}/updates: its own definition, so the OpenAPI document and the contract test read it. */
export const postMaintenanceUpdateRoute = createRoute({
  method: "post",
  path: "/api/v1/maintenances/{id}/updates",
  tags,
  security,
  summary: "Post an update on open maintenance (status in_progress or verifying once started)",
  middleware: requireScope("incidents:write"),
  request: { params: IdParam, body: jsonBody(MaintenanceUpdateSchema) },
  responses: { 201: one("Posted"), ...writeErrors, ...errorResponses(404, 409) },
});

/** Progress on the work, told on every channel like an incident update. */
export function registerPostMaintenanceUpdate(api: Api) {
  api.openapi(postMaintenanceUpdateRoute, async (c) => {
    const ctx = serviceContext(c);
    const m = await postMaintenanceUpdate(ctx, {
      id: c.req.valid("param").id,
      ...toProgressRequest(c.req.valid("json")),
    });
    return c.json({ data: maintenanceJson(m, ctx.config.publicUrl) }, 201);
  });
}
