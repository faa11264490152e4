import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { editMaintenance } from "../../../services/maintenances/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import { IdParam, one, security, tags } from "./common.ts";
import { peakHoursConflict } from "./schema/maintenance.ts";
import { EditMaintenanceSchema } from "./schema/request.ts";
import { maintenanceJson } from "./to-json.ts";
import { toEditRequest } from "./to-request.ts";

/** PATCH /api/v1/maintenances/{id}: its own definition, so the OpenAPI document and the contract test read it. */
export const editMaintenanceRoute = createRoute({
  method: "patch",
  path: "/api/v1/maintenances/{id}",
  tags,
  security,
  summary: "Reschedule or edit maintenance",
  description:
    "Before the work starts: title, message, components, remind_before and the window. A moved window is announced on every channel as a rescheduling (old time and new) and checked against peak hours again (send allow_peak_hours with it to override). Once started: the title and ends_at (a new expected end, announced). A message is posted as an update.",
  middleware: requireScope("incidents:write"),
  request: { params: IdParam, body: jsonBody(EditMaintenanceSchema) },
  responses: { 200: one("Edited"), ...writeErrors, ...errorResponses(404), ...peakHoursConflict },
});

/** Plans move; what may change depends on whether the work has started, which the service decides. */
export function registerEditMaintenance(api: Api) {
  api.openapi(editMaintenanceRoute, async (c) => {
    const ctx = serviceContext(c);
    const m = await editMaintenance(ctx, {
      id: c.req.valid("param").id,
      ...toEditRequest(c.req.valid("json")),
    });
    return c.json({ data: maintenanceJson(m, ctx.config.publicUrl) }, 200);
  });
}
