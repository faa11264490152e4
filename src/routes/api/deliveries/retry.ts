import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { retryDelivery } from "../../../services/deliveries/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { DeliverySchema } from "./schema.ts";
import { deliveryJson } from "./to-json.ts";

/** POST /api/v1/deliveries/{id}/retry: sends to the public again, so it needs incidents:write. */
export const retryDeliveryRoute = createRoute({
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
});

/** Dead rows are kept, never dropped, so that once the channel is fixed they can still go out. */
export function registerRetryDelivery(api: Api) {
  api.openapi(retryDeliveryRoute, async (c) => {
    const row = await retryDelivery(serviceContext(c), c.req.valid("param").id);
    return c.json({ data: deliveryJson(row) }, 202);
  });
}
