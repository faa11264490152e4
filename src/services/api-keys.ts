import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { apiKeys } from "../db/schema/index.ts";
import { AppError } from "../errors.ts";
import { generateApiKey, sha256Hex, timingSafeEqual } from "../lib/crypto.ts";
import { newId } from "../lib/ids.ts";
import { recordAudit, type ServiceContext, withTransaction } from "./context.ts";

export const scopes = ["incidents:write", "components:write", "subscribers:read", "admin"] as const;
export type Scope = (typeof scopes)[number];
export type ApiKey = typeof apiKeys.$inferSelect;

/** The id of the key that CANDOR_ADMIN_TOKEN stands for. */
const envAdminKeyId = "key_env_admin";
/** last_used_at is refreshed at most this often, so reads do not become writes. */
const lastUsedGranularityMs = 60_000;

/** True when the key may act with `scope`; admin may do everything. */
export function hasScope(key: Pick<ApiKey, "scopes">, scope: Scope): boolean {
  return key.scopes.includes("admin") || key.scopes.includes(scope);
}

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

export async function createApiKey({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { name: string; scopes: Scope[] };
}): Promise<{ key: ApiKey; secret: string }> {
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

export function listApiKeys({ ctx }: { ctx: ServiceContext }): Promise<ApiKey[]> {
  return ctx.db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function revokeApiKey({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<void> {
  const now = ctx.clock();
  await withTransaction(ctx, async (tx) => {
    const [key] = await tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .for("update");
    if (!key) throw AppError.notFound("API key", id);
    if (key.scopes.includes("admin")) {
      const [{ admins }] = await tx
        .select({ admins: count() })
        .from(apiKeys)
        .where(and(isNull(apiKeys.revokedAt), sql`${apiKeys.scopes} @> '["admin"]'::jsonb`));
      if (admins <= 1)
        throw AppError.conflict("this is the last admin key; create another admin key before revoking it");
    }
    await tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id));
    await recordAudit(tx, ctx, now, { action: "api_key.revoke", targetType: "api_key", targetId: id });
  });
}

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
