import { count } from "drizzle-orm";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { apiKeys } from "../../db/schema/index.ts";
import { generateApiKey, sha256Hex } from "../../lib/crypto.ts";
import { newId } from "../../lib/ids.ts";

/** The id of the key that CANDOR_ADMIN_TOKEN stands for. */
const envAdminKeyId = "key_env_admin";

/**
 * Makes sure someone can administer a fresh install. With CANDOR_ADMIN_TOKEN
 * set, that token is the admin key (kept in step with the variable). Without
 * it, the first start generates an admin key and returns it once to print.
 */
export async function ensureAdminKey(db: Db, config: Config, now: Date): Promise<{ generated: string | null }> {
  if (config.adminToken) {
    const hash = await sha256Hex(config.adminToken);
    const values = {
      name: "CANDOR_ADMIN_TOKEN",
      keyHash: hash,
      prefix: config.adminToken.slice(0, 8),
      scopes: ["admin"],
    };
    await db
      .insert(apiKeys)
      .values({ id: envAdminKeyId, createdAt: now, ...values })
      .onConflictDoUpdate({ target: apiKeys.id, set: { ...values, revokedAt: null } });
    return { generated: null };
  }
  const [{ keys }] = await db.select({ keys: count() }).from(apiKeys);
  if (keys > 0) return { generated: null };
  const secret = generateApiKey();
  await db.insert(apiKeys).values({
    id: newId("key"),
    name: "bootstrap admin",
    keyHash: await sha256Hex(secret),
    prefix: secret.slice(0, 8),
    scopes: ["admin"],
    createdAt: now,
  });
  return { generated: secret };
}
