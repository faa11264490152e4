import { eq } from "drizzle-orm";
import { heardPosts } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";

/**
 * Deletes a post from the inbox: a person's request to be forgotten, or a
 * post deleted on X (X's rules: within 24 hours). The acknowledgement record,
 * if any, keeps only ids.
 *
 * @example await removeMention(ctx, "1790000000000000042")
 */
export async function removeMention(ctx: ServiceContext, id: string): Promise<void> {
  await withTransaction(ctx, async (tx, inner) => {
    const [row] = await tx.delete(heardPosts).where(eq(heardPosts.id, id)).returning({ id: heardPosts.id });
    if (!row) throw AppError.notFound("mention", id);
    await recordAudit(tx, inner, ctx.clock(), { action: "mention.delete", targetType: "mention", targetId: id });
  });
}
