import { createRoute } from "@hono/zod-openapi";
import { getMaintenance } from "../../../services/maintenances/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { IdParam, one, security, tags } from "./common.ts";
import { maintenanceJson } from "./to-json.ts";

/** GET /api/v1/maintenances/{id}: any live key may read, so there is no scope middleware. */
export const getMaintenanceRoute = createRoute({
  method: "get",
  path: "/api/v1/maintenances/{id}",
  tags,
  security,
  summary: "One maintenance with its updates (newest first)",
  request: { params: IdParam },
  responses: { 200: one("The maintenance"), ...errorResponses(401, 404) },
});

/** One maintenance with its whole history, for the operator following the work. */
export function registerGetMaintenance(api: Api) {
  api.openapi(getMaintenanceRoute, async (c) => {
    const ctx = serviceContext(c);
    const m = await getMaintenance(ctx, c.req.valid("param").id);
    return c.json({ data: maintenanceJson(m, ctx.config.publicUrl) }, 200);
  });
}
