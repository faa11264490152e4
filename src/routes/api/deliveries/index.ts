import type { Api } from "../../env.ts";
import { registerListDeliveries } from "./list.ts";
import { registerRetryDelivery } from "./retry.ts";

export { listDeliveriesRoute, registerListDeliveries } from "./list.ts";
export { registerRetryDelivery, retryDeliveryRoute } from "./retry.ts";

/**
 * Outbox rows as deliveries: what went out, what waits, what is dead and why.
 * The order is the OpenAPI document's order and Hono's matching order: keep it.
 */
export function registerDeliveryRoutes(api: Api) {
  registerListDeliveries(api);
  registerRetryDelivery(api);
}
