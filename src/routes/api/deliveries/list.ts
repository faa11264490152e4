import { createRoute, z } from "@hono/zod-openapi";
import { listDeliveries } from "../../../services/deliveries/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { DeliverySchema } from "./schema.ts";
import { deliveryJson } from "./to-json.ts";

/** GET /api/v1/deliveries: any live key may read, so there is no scope middleware. */
export const listDeliveriesRoute = createRoute({
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
});

/** Shows whether the public was actually told, channel by channel. */
export function registerListDeliveries(api: Api) {
  api.openapi(listDeliveriesRoute, async (c) => {
    const { state, limit } = c.req.valid("query");
    const rows = await listDeliveries(serviceContext(c), { state, limit });
    return c.json({ data: rows.map(deliveryJson) }, 200);
  });
}
