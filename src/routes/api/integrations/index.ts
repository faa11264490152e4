import type { Api } from "../../env.ts";
import { registerAlertmanager } from "./alertmanager.ts";
import { registerGrafana } from "./grafana.ts";

export { alertmanagerRoute, registerAlertmanager } from "./alertmanager.ts";
export { grafanaRoute, registerGrafana } from "./grafana.ts";

/** Registers the alert receivers (integrations:write). The order is the OpenAPI document's order: keep it. */
export function registerIntegrationRoutes(api: Api) {
  registerAlertmanager(api);
  registerGrafana(api);
}
