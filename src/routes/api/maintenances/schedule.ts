import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { scheduleMaintenance } from "../../../services/maintenances/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { jsonBody, writeErrors } from "../schemas.ts";
import { one, security, tags } from "./common.ts";
import { peakHoursConflict } from "./schema/maintenance.ts";
import { ScheduleMaintenanceSchema } from "./schema/request.ts";
import { maintenanceJson } from "./to-json.ts";
import { toScheduleRequest } from "./to-request.ts";

/** POST /api/v1/maintenances: its own definition, so the OpenAPI document and the contract test read it. */
export const scheduleMaintenanceRoute = createRoute({
  method: "post",
  path: "/api/v1/maintenances",
  tags,
  security,
  summary: "Schedule maintenance (announced on every channel)",
  description:
    "Announces planned work on every channel, with its own X thread and email thread. A reminder goes out remind_before the start; at starts_at the components go under_maintenance and a started update is posted. A window overlapping PEAK_HOURS is refused with 409 naming the overlap and the nearest off-peak window of the same length, unless allow_peak_hours is true.",
  middleware: requireScope("incidents:write"),
  request: { body: jsonBody(ScheduleMaintenanceSchema) },
  responses: { 201: one("Scheduled and announced"), ...writeErrors, ...peakHoursConflict },
});

/** Scheduling announces the work at once; the peak-hours check and the reminders live in the service. */
export function registerScheduleMaintenance(api: Api) {
  api.openapi(scheduleMaintenanceRoute, async (c) => {
    const ctx = serviceContext(c);
    const m = await scheduleMaintenance(ctx, toScheduleRequest(c.req.valid("json")));
    return c.json({ data: maintenanceJson(m, ctx.config.publicUrl) }, 201);
  });
}
