import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { ackListenAlert } from "../../../services/listen-alerts/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { IdParam, security, tags } from "./common.ts";
import { ListenAlertSchema } from "./schema.ts";
import { listenAlertJson } from "./to-json.ts";

/** POST /api/v1/listen/alerts/{id}/ack: a person saying "seen", so it needs mentions:write. */
export const ackListenAlertRoute = createRoute({
  method: "post",
  path: "/api/v1/listen/alerts/{id}/ack",
  tags,
  security,
  summary: "Acknowledge a spike alert",
  description: "Records when and by which key. The first acknowledgement stands: acking again answers with it.",
  middleware: requireScope("mentions:write"),
  request: { params: IdParam },
  responses: {
    200: {
      description: "The alert, acknowledged",
      content: { "application/json": { schema: z.object({ data: ListenAlertSchema }) } },
    },
    ...errorResponses(401, 403, 404),
  },
});

export function registerAckListenAlert(api: Api) {
  api.openapi(ackListenAlertRoute, async (c) => {
    const alert = await ackListenAlert(serviceContext(c), c.req.valid("param").id);
    return c.json({ data: listenAlertJson(alert) }, 200);
  });
}
