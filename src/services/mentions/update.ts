import { eq } from "drizzle-orm";
import { heardPosts } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import type { HeardPost, MentionState } from "./types.ts";

export type UpdateMentionInput = { id: string; state?: MentionState; note?: string | null };

/**
 * A person's triage of a post in the inbox: its state, and a note for the
 * next person. 404 when the post is not (or no longer) in the inbox.
 *
 * @example await updateMention(ctx, { id: "1790000000000000042", state: "handled", note: "Moved to email" })
 */
export async function updateMention(ctx: ServiceContext, input: UpdateMentionInput): Promise<HeardPost> {
  return withTransaction(ctx, async (tx, inner) => {
    const [row] = await tx
      .update(heardPosts)
      .set({
        ...(input.state ? { state: input.state } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        updatedAt: ctx.clock(),
      })
      .where(eq(heardPosts.id, input.id))
      .returning();
    if (!row) throw AppError.notFound("mention", input.id);
    // The audit names the post and what changed, not the author or their words.
    await recordAudit(tx, inner, ctx.clock(), {
      action: "mention.update",
      targetType: "mention",
      targetId: input.id,
      details: { state: input.state ?? null, noteChanged: input.note !== undefined },
    });
    return row;
  });
}
