import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { apiKeys } from "../../db/schema/index.ts";
import { sha256Hex, timingSafeEqual } from "../../lib/crypto.ts";
import type { ApiKey } from "./scopes.ts";

/** last_used_at is refreshed at most this often, so reads do not become writes. */
const lastUsedGranularityMs = 60_000;

/**
 * Finds the live key for a presented secret. Only hashes are stored; the
 * lookup is by hash, and the stored hash is compared again in constant time.
 */
export async function authenticate(db: Db, presented: string, now: Date): Promise<ApiKey | null> {
  const hash = await sha256Hex(presented);
  const [key] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)));
  if (!key || !timingSafeEqual(key.keyHash, hash)) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > lastUsedGranularityMs) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, key.id));
  }
  return key;
}
