import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { deleteSubscriber } from "../../../services/subscribers/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { IdParam, security, tags } from "./common.ts";

/** DELETE /api/v1/subscribers/{id}: erases personal data for good, so it needs admin. */
export const deleteSubscriberRoute = createRoute({
  method: "delete",
  path: "/api/v1/subscribers/{id}",
  tags,
  security,
  summary: "Delete a subscriber for good",
  description: "Erases the address or webhook. (Unsubscribing keeps the row; this does not.)",
  middleware: requireScope("admin"),
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404) },
});

/** For erasure requests: unlike unsubscribing, nothing of the subscriber is kept. */
export function registerDeleteSubscriber(api: Api) {
  api.openapi(deleteSubscriberRoute, async (c) => {
    await deleteSubscriber(serviceContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
}
