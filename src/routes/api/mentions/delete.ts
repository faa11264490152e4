import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { removeMention } from "../../../services/mentions/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { IdParam, security, tags } from "./common.ts";

/** DELETE /api/v1/mentions/{id}: a deletion request (a person's, or X's for a deleted post). */
export const deleteMentionRoute = createRoute({
  method: "delete",
  path: "/api/v1/mentions/{id}",
  tags,
  security,
  summary: "Delete a post from the inbox for good",
  description: "For deletion requests, and for posts deleted on X (X's rules: within 24 hours).",
  middleware: requireScope("mentions:write"),
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404) },
});

export function registerDeleteMention(api: Api) {
  api.openapi(deleteMentionRoute, async (c) => {
    await removeMention(serviceContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
}
