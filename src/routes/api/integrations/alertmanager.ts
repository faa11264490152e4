import type { Api } from "../../env.ts";
import { receiverRoute } from "./common.ts";
import { receive } from "./receive.ts";
import { AlertmanagerPayloadSchema } from "./schema.ts";

/** POST /api/v1/integrations/alertmanager: its own definition, so the OpenAPI document and the contract test read it. */
export const alertmanagerRoute = receiverRoute(
  "alertmanager",
  "Receive Alertmanager's webhook (version 4)",
  AlertmanagerPayloadSchema,
);

/** Alertmanager's webhook_config posts here with http_config.authorization. */
export function registerAlertmanager(api: Api) {
  api.openapi(alertmanagerRoute, async (c) =>
    c.json({ data: await receive(c, "alertmanager", c.req.valid("json")) }, 200),
  );
}
