import type { Api } from "../../env.ts";
import { registerAddSubscriber } from "./add.ts";
import { registerDeleteSubscriber } from "./delete.ts";
import { registerExportSubscribers } from "./export.ts";
import { registerImportSubscribers } from "./import.ts";
import { registerListSubscribers } from "./list.ts";

export { addSubscriberRoute, registerAddSubscriber } from "./add.ts";
export { deleteSubscriberRoute, registerDeleteSubscriber } from "./delete.ts";
export { exportSubscribersRoute, registerExportSubscribers } from "./export.ts";
export { importSubscribersRoute, registerImportSubscribers, subscriberImport } from "./import.ts";
export { listSubscribersRoute, registerListSubscribers } from "./list.ts";

/**
 * Registers the admin subscriber API: list and export (subscribers:read);
 * add, delete and import (admin). The order is the OpenAPI document's order
 * and Hono's matching order: keep it.
 */
export function registerSubscriberRoutes(api: Api) {
  registerListSubscribers(api);
  registerAddSubscriber(api);
  registerDeleteSubscriber(api);
  registerImportSubscribers(api);
  registerExportSubscribers(api);
}
