import type { z } from "@hono/zod-openapi";
import type { AlertMapping } from "../../../domain/alerts.ts";
import type { ApiKey } from "../../../services/api-keys/index.ts";
import { mappingJson } from "../integrations/mapping.ts";
import { iso } from "../schemas.ts";
import type { ApiKeySchema, ScopeSchema } from "./schema.ts";

/** A key as JSON: its prefix tells keys apart; the hash and the secret never leave the server. */
export function keyJson(k: ApiKey): z.infer<typeof ApiKeySchema> {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes as z.infer<typeof ScopeSchema>[],
    alert_mapping: mappingJson(k.alertMapping as AlertMapping | null),
    created_at: k.createdAt.toISOString(),
    last_used_at: iso(k.lastUsedAt),
    revoked_at: iso(k.revokedAt),
  };
}
