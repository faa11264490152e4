import { eq } from "drizzle-orm";
import { subscribers } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { idPattern } from "./rules.ts";

/**
 * Removes a subscriber for good (an unsubscribe keeps the row; this does not). 404 when there is none.
 *
 * @example await deleteSubscriber(ctx, "sub_4k2x9v7m1q3r8t5w")
 */
export async function deleteSubscriber(ctx: ServiceContext, id: string): Promise<void> {
  if (!idPattern.test(id)) throw AppError.notFound("subscriber", id);
  const now = ctx.clock();
  await withTransaction(ctx, async (tx) => {
    const [gone] = await tx
      .delete(subscribers)
      .where(eq(subscribers.id, id))
      .returning({ id: subscribers.id, type: subscribers.type, state: subscribers.state });
    if (!gone) throw AppError.notFound("subscriber", id);
    // The address itself is not kept: deleting is how someone's data is erased.
    await recordAudit(tx, ctx, now, {
      action: "subscriber.delete",
      targetType: "subscriber",
      targetId: gone.id,
      details: { type: gone.type, state: gone.state },
    });
  });
}
