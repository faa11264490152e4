import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import type { Api } from "../../env.ts";
import { jsonBody } from "../schemas.ts";
import { responses, security, tags } from "./common.ts";
import { receive } from "./receive.ts";
import { AlertQuerySchema, GrafanaPayloadSchema } from "./schema.ts";

/** POST /api/v1/integrations/grafana: its own definition, so the OpenAPI document and the contract test read it. */
export const grafanaRoute = createRoute({
  method: "post",
  path: "/api/v1/integrations/grafana",
  tags,
  security,
  summary: "Receive a Grafana alerting webhook contact point",
  description:
    "The same rules as the Alertmanager route; Grafana's own fields (values, dashboard and panel links) are accepted and left unused.",
  middleware: requireScope("integrations:write"),
  request: { query: AlertQuerySchema, body: jsonBody(GrafanaPayloadSchema) },
  responses,
});

/** Grafana's webhook contact point posts here with its Authorization header set to Bearer and the key. */
export function registerGrafana(api: Api) {
  api.openapi(grafanaRoute, async (c) => c.json({ data: await receive(c, "grafana", c.req.valid("json")) }, 200));
}
