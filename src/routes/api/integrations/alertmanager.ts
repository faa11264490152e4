import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import type { Api } from "../../env.ts";
import { jsonBody } from "../schemas.ts";
import { responses, security, tags } from "./common.ts";
import { receive } from "./receive.ts";
import { AlertmanagerPayloadSchema, AlertQuerySchema } from "./schema.ts";

/** POST /api/v1/integrations/alertmanager: its own definition, so the OpenAPI document and the contract test read it. */
export const alertmanagerRoute = createRoute({
  method: "post",
  path: "/api/v1/integrations/alertmanager",
  tags,
  security,
  summary: "Receive Alertmanager's webhook (version 4)",
  description:
    "A firing alert sets its component's status (label `component`, severity mapped to a status); the last one resolved gives back the status from before, unless an open incident holds the component. Repeats change nothing. Alerts naming no known component are reported, with 200.",
  middleware: requireScope("integrations:write"),
  request: { query: AlertQuerySchema, body: jsonBody(AlertmanagerPayloadSchema) },
  responses,
});

/** Alertmanager's webhook_config posts here with http_config.authorization. */
export function registerAlertmanager(api: Api) {
  api.openapi(alertmanagerRoute, async (c) =>
    c.json({ data: await receive(c, "alertmanager", c.req.valid("json")) }, 200),
  );
}
