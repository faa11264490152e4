import { and, count, eq, isNull, sql } from "drizzle-orm";
import { apiKeys } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";

/**
 * Revokes a live key. The last admin key cannot be revoked: nobody could then
 * create or revoke keys without going to the database by hand.
 */
export async function revokeApiKey(ctx: ServiceContext, id: string): Promise<void> {
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
