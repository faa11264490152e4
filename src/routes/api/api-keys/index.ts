import type { Api } from "../../env.ts";
import { registerCreateApiKey } from "./create.ts";
import { registerListApiKeys } from "./list.ts";
import { registerRevokeApiKey } from "./revoke.ts";

export { createApiKeyRoute, registerCreateApiKey } from "./create.ts";
export { listApiKeysRoute, registerListApiKeys } from "./list.ts";
export { registerRevokeApiKey, revokeApiKeyRoute } from "./revoke.ts";

/**
 * Registers API key management (admin scope). The order is the OpenAPI
 * document's order and Hono's matching order: keep it.
 */
export function registerApiKeyRoutes(api: Api) {
  registerCreateApiKey(api);
  registerListApiKeys(api);
  registerRevokeApiKey(api);
}
