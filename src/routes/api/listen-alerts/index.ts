import type { Api } from "../../env.ts";
import { registerAckListenAlert } from "./ack.ts";
import { registerListListenAlerts } from "./list.ts";

export { ackListenAlertRoute, registerAckListenAlert } from "./ack.ts";
export { listListenAlertsRoute, registerListListenAlerts } from "./list.ts";

/** Registers the spike alerts: list (mentions:read) and acknowledge (mentions:write). */
export function registerListenAlertRoutes(api: Api) {
  registerListListenAlerts(api);
  registerAckListenAlert(api);
}
