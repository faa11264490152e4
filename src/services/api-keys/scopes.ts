import type { apiKeys } from "../../db/schema/index.ts";

// metrics:read lets a scraper read GET /metrics (see README, Metrics); mentions:read and mentions:write
// the inbox of posts heard on X (README, Hearing customers), which holds real people's handles and words.
export const scopes = [
  "incidents:write",
  "components:write",
  "subscribers:read",
  "metrics:read",
  "mentions:read",
  "mentions:write",
  "admin",
] as const;
export type Scope = (typeof scopes)[number];
export type ApiKey = typeof apiKeys.$inferSelect;

/** True when the key may act with `scope`; admin may do everything. */
export function hasScope(key: Pick<ApiKey, "scopes">, scope: Scope): boolean {
  return key.scopes.includes("admin") || key.scopes.includes(scope);
}
