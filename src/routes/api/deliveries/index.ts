import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { type DeliveryListItem, listDeliveries, retryDelivery } from "../../../services/deliveries/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses, iso, Timestamp } from "../schemas.ts";

const tags = ["Deliveries"];
const security = [{ Bearer: [] }];

const DeliverySchema = z
  .object({
    id: z.number().int(),
    channel: z.string(),
    topic: z.string().openapi({ description: "update, or a channel's own job such as email.confirm" }),
    update_id: z.string().nullable(),
    incident_id: z.string().nullable(),
    kind: z.string().nullable(),
    state: z.enum(["pending", "done", "dead"]),
    attempts: z.number().int(),
    max_attempts: z.number().int(),
    run_at: Timestamp,
    last_error: z.string().nullable(),
    locked_by: z.string().nullable(),
    created_at: Timestamp,
    completed_at: Timestamp.nullable(),
  })
  .openapi("Delivery");

function deliveryJson(d: DeliveryListItem): z.infer<typeof DeliverySchema> {
  return {
    id: d.id,
    channel: d.channel,
    topic: d.topic,
    update_id: d.updateId,
    incident_id: d.incidentId,
    kind: d.kind,
    state: d.state as z.infer<typeof DeliverySchema>["state"],
    attempts: d.attempts,
    max_attempts: d.maxAttempts,
    run_at: d.runAt.toISOString(),
    last_error: d.lastError,
    locked_by: d.lockedBy,
    created_at: d.createdAt.toISOString(),
    completed_at: iso(d.completedAt),
  };
}

/** Outbox rows as deliveries: what went out, what waits, what is dead and why. */
export function registerDeliveryRoutes(api: Api) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/deliveries",
      tags,
      security,
      summary: "List deliveries (one per update and channel), newest first",
      request: {
        query: z.object({
          state: z.enum(["pending", "done", "dead"]).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: {
        200: {
          description: "Deliveries",
          content: { "application/json": { schema: z.object({ data: z.array(DeliverySchema) }) } },
        },
        ...errorResponses(400, 401),
      },
    }),
    async (c) => {
      const { state, limit } = c.req.valid("query");
      const rows = await listDeliveries(serviceContext(c), { state, limit });
      return c.json({ data: rows.map(deliveryJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/deliveries/{id}/retry",
      tags,
      security,
      summary: "Retry a dead delivery with a fresh set of attempts",
      middleware: requireScope("incidents:write"),
      request: {
        params: z.object({
          id: z.coerce
            .number()
            .int()
            .min(1)
            .openapi({ param: { name: "id", in: "path" } }),
        }),
      },
      responses: {
        202: {
          description: "Queued again",
          content: { "application/json": { schema: z.object({ data: DeliverySchema }) } },
        },
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const row = await retryDelivery(serviceContext(c), c.req.valid("param").id);
      return c.json({ data: deliveryJson(row) }, 202);
    },
  );
}
