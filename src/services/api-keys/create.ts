import { apiKeys } from "../../db/schema/index.ts";
import { generateApiKey, sha256Hex } from "../../lib/crypto.ts";
import { newId } from "../../lib/ids.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import type { ApiKey, Scope } from "./scopes.ts";

/**
 * Creates a key and returns its secret this once: only the hash and a short
 * prefix (to tell keys apart) are stored.
 */
export async function createApiKey(
  ctx: ServiceContext,
  input: { name: string; scopes: Scope[] },
): Promise<{ key: ApiKey; secret: string }> {
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
