import { and, eq, isNull } from "drizzle-orm";
import { listenAlerts } from "../../db/schema/index.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import type { ListenAlert } from "./types.ts";

/**
 * Someone on call has seen a spike alert. The first acknowledgement stands:
 * acking again (a second person, a retried request) answers with it and
 * changes nothing, so `acked_by` always names who saw it first. 404 for an
 * unknown alert.
 *
 * @example await ackListenAlert(ctx, "alert_4k2x9v7m1q3r8t5w") // { ..., ackedAt, ackedBy: "key_…" }
 */
export async function ackListenAlert(ctx: ServiceContext, id: string): Promise<ListenAlert> {
  return withTransaction(ctx, async (tx, inner) => {
    const now = ctx.clock();
    const [acked] = await tx
      .update(listenAlerts)
      .set({ ackedAt: now, ackedBy: ctx.actor.keyId })
      .where(and(eq(listenAlerts.id, id), isNull(listenAlerts.ackedAt)))
      .returning();
    if (acked) {
      await recordAudit(tx, inner, now, { action: "listen_alert.ack", targetType: "listen_alert", targetId: id });
      return acked;
    }
    const [existing] = await tx.select().from(listenAlerts).where(eq(listenAlerts.id, id));
    if (!existing) throw AppError.notFound("listen alert", id);
    return existing;
  });
}
