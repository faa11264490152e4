import { apiKeys } from "../../db/schema/index.ts";
import type { AlertMapping } from "../../domain/alerts.ts";
import { AppError } from "../../errors.ts";
import { generateApiKey, sha256Hex } from "../../lib/crypto.ts";
import { newId } from "../../lib/ids.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { type ApiKey, hasScope, type Scope } from "./scopes.ts";

/**
 * Creates a key and returns its secret this once: only the hash and a short
 * prefix (to tell keys apart) are stored. An alert mapping belongs only on
 * a key that may send alerts (integrations:write).
 */
export async function createApiKey(
  ctx: ServiceContext,
  input: { name: string; scopes: Scope[]; alertMapping?: AlertMapping },
): Promise<{ key: ApiKey; secret: string }> {
  if (input.alertMapping && !hasScope(input, "integrations:write"))
    throw AppError.invalid([{ field: "alert_mapping", message: "needs the integrations:write scope" }]);
  const now = ctx.clock();
  const secret = generateApiKey();
  const key = await withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        id: newId("key"),
        name: input.name,
        keyHash: await sha256Hex(secret),
        prefix: secret.slice(0, 8),
        scopes: [...new Set(input.scopes)],
        alertMapping: input.alertMapping ?? null,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, now, {
      action: "api_key.create",
      targetType: "api_key",
      targetId: row.id,
      details: input,
    });
    return row;
  });
  return { key, secret };
}
