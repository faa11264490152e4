import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { listListenAlerts } from "../../../services/listen-alerts/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { ListenAlertSchema } from "./schema.ts";
import { listenAlertJson } from "./to-json.ts";

/** GET /api/v1/listen/alerts: links to real people's posts, so it needs mentions:read. */
export const listListenAlertsRoute = createRoute({
  method: "get",
  path: "/api/v1/listen/alerts",
  tags,
  security,
  summary: "Spikes of people reporting problems on X, newest first",
  description:
    "Paged ones (no incident was open) and ones recorded against the open incident (incident_id set, paged false).",
  middleware: requireScope("mentions:read"),
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(200).optional().openapi({ description: "next_cursor from the previous page" }),
    }),
  },
  responses: {
    200: {
      description: "A page of alerts",
      content: {
        "application/json": {
          schema: z.object({ data: z.array(ListenAlertSchema), next_cursor: z.string().nullable() }),
        },
      },
    },
    ...errorResponses(400, 401, 403),
  },
});

export function registerListListenAlerts(api: Api) {
  api.openapi(listListenAlertsRoute, async (c) => {
    const page = await listListenAlerts(serviceContext(c), c.req.valid("query"));
    return c.json({ data: page.alerts.map(listenAlertJson), next_cursor: page.nextCursor }, 200);
  });
}
