/**
 * API keys: who may call the management API, and with which scopes. One verb
 * per file; `authenticate` and `ensureAdminKey` take the database directly
 * because they run before any request context exists (middleware, startup).
 */
export { authenticate } from "./authenticate.ts";
export { createApiKey } from "./create.ts";
export { ensureAdminKey } from "./ensure-admin.ts";
export { listApiKeys } from "./list.ts";
export { revokeApiKey } from "./revoke.ts";
export { type ApiKey, hasScope, type Scope, scopes } from "./scopes.ts";
