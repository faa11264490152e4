import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { bearer, errorResponses, jsonBody } from "../schemas.ts";
import { AlertQuerySchema, AlertReportSchema } from "./schema.ts";

/**
 * Names the components a notification changed, separated by spaces: the
 * request's path does not, and the Workers entry purges their badges from
 * the edge by it.
 */
export const changedComponentsHeader = "candor-changed-components";

/**
 * A receiver's route: integrations:write, the mapping query, the sender's
 * payload, and 200 for any notification that was processed, unknown
 * components and all (senders retry anything else).
 */
export const receiverRoute = <T extends z.ZodType>(source: string, summary: string, payload: T) =>
  createRoute({
    method: "post",
    path: `/api/v1/integrations/${source}`,
    tags: ["Integrations"],
    security: bearer,
    summary,
    middleware: requireScope("integrations:write"),
    request: { query: AlertQuerySchema, body: jsonBody(payload) },
    responses: {
      200: {
        description: "Processed; what became of each alert",
        content: { "application/json": { schema: z.object({ data: AlertReportSchema }) } },
      },
      ...errorResponses(400, 401, 403, 413, 415),
    },
  });
