import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import {
  cancelMaintenance,
  completeMaintenance,
  editMaintenance,
  getMaintenance,
  listMaintenances,
  postMaintenanceUpdate,
  scheduleMaintenance,
} from "../../../services/maintenances/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, jsonBody, writeErrors } from "../schemas.ts";
import {
  CloseMaintenanceSchema,
  EditMaintenanceSchema,
  MaintenanceSchema,
  MaintenanceSummarySchema,
  MaintenanceUpdateSchema,
  maintenanceJson,
  maintenanceSummaryJson,
  ScheduleMaintenanceSchema,
  toCloseRequest,
  toEditRequest,
  toProgressRequest,
  toScheduleRequest,
} from "./schema.ts";

const tags = ["Scheduled maintenance"];
const security = [{ Bearer: [] }];
const IdParam = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "mnt_4k2x9v7m1q3r8t5w" }),
});
const one = (description: string) => ({
  description,
  content: { "application/json": { schema: z.object({ data: MaintenanceSchema }) } },
});
/** complete and cancel take an optional body: none, or JSON. */
const optionalBody = {
  required: false,
  content: { "application/json": { schema: CloseMaintenanceSchema } },
};

/** Registers scheduling, editing, completing and cancelling maintenance. */
export function registerMaintenanceRoutes(api: Api) {
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/maintenances",
      tags,
      security,
      summary: "Schedule maintenance (announced on every channel)",
      description:
        "Announces planned work on every channel, with its own X thread and email thread. A reminder goes out remind_before the start; at starts_at the components go under_maintenance and a started update is posted. A window overlapping PEAK_HOURS is refused with 409 naming the overlap and the nearest off-peak window of the same length, unless allow_peak_hours is true.",
      middleware: requireScope("incidents:write"),
      request: { body: jsonBody(ScheduleMaintenanceSchema) },
      responses: { 201: one("Scheduled and announced"), ...writeErrors, ...errorResponses(409) },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const m = await scheduleMaintenance(ctx, toScheduleRequest(c.req.valid("json")));
      return c.json({ data: maintenanceJson(m, ctx.config.publicUrl) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/maintenances",
      tags,
      security,
      summary: "List maintenance",
      description:
        "upcoming: scheduled, soonest first; active: in progress or verifying; open: both; past: completed or cancelled, latest first. Without state: all, latest window first.",
      request: {
        query: z.object({
          state: z.enum(["upcoming", "active", "open", "past"]).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
      },
      responses: {
        200: {
          description: "Maintenance",
          content: { "application/json": { schema: z.object({ data: z.array(MaintenanceSummarySchema) }) } },
        },
        ...errorResponses(400, 401),
      },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const q = c.req.valid("query");
      const rows = await listMaintenances(ctx, { state: q.state, limit: q.limit });
      return c.json({ data: rows.map((m) => maintenanceSummaryJson(m, ctx.config.publicUrl)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/maintenances/{id}",
      tags,
      security,
      summary: "One maintenance with its updates (newest first)",
      request: { params: IdParam },
      responses: { 200: one("The maintenance"), ...errorResponses(401, 404) },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const m = await getMaintenance(ctx, c.req.valid("param").id);
      return c.json({ data: maintenanceJson(m, ctx.config.publicUrl) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/maintenances/{id}",
      tags,
      security,
      summary: "Reschedule or edit maintenance",
      description:
        "Before the work starts: title, message, components, remind_before and the window. A moved window is announced on every channel as a rescheduling (old time and new) and checked against peak hours again (send allow_peak_hours with it to override). Once started: the title and ends_at (a new expected end, announced). A message is posted as an update.",
      middleware: requireScope("incidents:write"),
      request: { params: IdParam, body: jsonBody(EditMaintenanceSchema) },
      responses: { 200: one("Edited"), ...writeErrors, ...errorResponses(404, 409) },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const m = await editMaintenance(ctx, {
        id: c.req.valid("param").id,
        ...toEditRequest(c.req.valid("json")),
      });
      return c.json({ data: maintenanceJson(m, ctx.config.publicUrl) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/maintenances/{id}/updates",
      tags,
      security,
      summary: "Post an update on open maintenance (status in_progress or verifying once started)",
      middleware: requireScope("incidents:write"),
      request: { params: IdParam, body: jsonBody(MaintenanceUpdateSchema) },
      responses: { 201: one("Posted"), ...writeErrors, ...errorResponses(404, 409) },
    }),
    async (c) => {
      const ctx = serviceContext(c);
      const m = await postMaintenanceUpdate(ctx, {
        id: c.req.valid("param").id,
        ...toProgressRequest(c.req.valid("json")),
      });
      return c.json({ data: maintenanceJson(m, ctx.config.publicUrl) }, 201);
    },
  );

  for (const [verb, summary, run] of [
    [
      "complete",
      "Complete maintenance: components return to their former status, completed is posted",
      completeMaintenance,
    ],
    ["cancel", "Cancel maintenance before it starts (announced on every channel)", cancelMaintenance],
  ] as const) {
    api.openapi(
      createRoute({
        method: "post",
        path: `/api/v1/maintenances/{id}/${verb}`,
        tags,
        security,
        summary,
        middleware: requireScope("incidents:write"),
        request: { params: IdParam, body: optionalBody },
        responses: {
          200: one(verb === "complete" ? "Completed" : "Cancelled"),
          ...writeErrors,
          ...errorResponses(404, 409),
        },
      }),
      async (c) => {
        const ctx = serviceContext(c);
        const m = await run(ctx, { id: c.req.valid("param").id, ...toCloseRequest(c.req.valid("json")) });
        return c.json({ data: maintenanceJson(m, ctx.config.publicUrl) }, 200);
      },
    );
  }
}
