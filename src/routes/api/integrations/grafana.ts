import type { Api } from "../../env.ts";
import { receiverRoute } from "./common.ts";
import { receive } from "./receive.ts";
import { GrafanaPayloadSchema } from "./schema.ts";

/** POST /api/v1/integrations/grafana: its own definition, so the OpenAPI document and the contract test read it. */
export const grafanaRoute = receiverRoute("grafana", "Receive Grafana alerting's webhook", GrafanaPayloadSchema);

/** Grafana's webhook contact point posts here with its Authorization header set to Bearer and the key. */
export function registerGrafana(api: Api) {
  api.openapi(grafanaRoute, async (c) => c.json({ data: await receive(c, "grafana", c.req.valid("json")) }, 200));
}
