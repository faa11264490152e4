import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../app-env.ts";
import { requireScope } from "../../../middleware/auth.ts";
import type { cancelMaintenance, completeMaintenance } from "../../../services/maintenances/index.ts";
import { serviceContext } from "../../env.ts";
import { errorResponses, writeErrors } from "../schemas.ts";
import { IdParam, one, security, tags } from "./common.ts";
import { CloseMaintenanceSchema } from "./schema/request.ts";
import { maintenanceJson } from "./to-json.ts";
import { toCloseRequest } from "./to-request.ts";

/** complete and cancel take an optional body: none, or JSON. */
const optionalBody = {
  required: false,
  content: { "application/json": { schema: CloseMaintenanceSchema } },
};

/**
 * The route for one of the two ways maintenance ends. complete and cancel
 * differ only in their path, words and service verb, so they share this
 * definition and stay alike.
 */
export function closeMaintenanceRoute(verb: "complete" | "cancel", summary: string) {
  return createRoute({
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
  });
}

type CloseVerb = typeof completeMaintenance | typeof cancelMaintenance;

/** The handler for a closing route: the optional body, the service verb, the maintenance as it now stands. */
export function closeMaintenanceHandler(
  run: CloseVerb,
): RouteHandler<ReturnType<typeof closeMaintenanceRoute>, AppEnv> {
  return async (c) => {
    const ctx = serviceContext(c);
    const m = await run(ctx, { id: c.req.valid("param").id, ...toCloseRequest(c.req.valid("json")) });
    return c.json({ data: maintenanceJson(m, ctx.config.publicUrl) }, 200);
  };
}
