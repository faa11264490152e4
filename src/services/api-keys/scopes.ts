import type { apiKeys } from "../../db/schema/index.ts";
import type { Scope } from "../../domain/scopes.ts";

export { type Scope, scopes } from "../../domain/scopes.ts";
export type ApiKey = typeof apiKeys.$inferSelect;

/** True when the key may act with `scope`; admin may do everything. */
export function hasScope(key: Pick<ApiKey, "scopes">, scope: Scope): boolean {
  return key.scopes.includes("admin") || key.scopes.includes(scope);
}
