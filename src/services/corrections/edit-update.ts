import { eq } from "drizzle-orm";
import type { IncidentUpdate } from "../../db/models.ts";
import { incidents, incidentUpdates } from "../../db/schema/index.ts";
import { revisePending } from "../../delivery/queue/index.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { getIncident } from "../incidents/index.ts";
import { lockIncident, lockUpdate } from "./lock.ts";
import { deliveredCopies } from "./old-text.ts";
import type { UpdateCorrection } from "./types.ts";

/**
 * Corrects the words of a posted update (a typo found late, even after the
 * incident is resolved). Only the message: the status and promise line are
 * commitments, changed by a new update. Nobody is notified again; channels
 * that have not sent it yet send the correction, and the answer lists the
 * copies already out with the old words. The audit log keeps them.
 *
 * @example await editUpdate(ctx, { incidentId, updateId, message: "Logins fail for EU customers." })
 */
export async function editUpdate(
  ctx: ServiceContext,
  input: { incidentId: string; updateId: string; message: string },
): Promise<UpdateCorrection> {
  const { incidentId, updateId, message } = input;
  const now = ctx.clock();
  return withTransaction(ctx, async (tx, txCtx) => {
    await lockIncident(txCtx, incidentId);
    const before = await lockUpdate(txCtx, incidentId, updateId, "corrected");
    if (before.hiddenAt) {
      throw AppError.conflict(`update ${updateId} is hidden; nobody sees it, so there is nothing to correct`);
    }
    let pending: string[] = [];
    if (message !== before.body) {
      await tx.update(incidentUpdates).set({ body: message, editedAt: now }).where(eq(incidentUpdates.id, updateId));
      await tx.update(incidents).set({ updatedAt: now }).where(eq(incidents.id, incidentId));
      const promise = before.promise ?? "";
      pending = await revisePending(tx, updateId, {
        text: promise ? `${message} ${promise}` : message,
        message,
        promise,
      });
      await recordAudit(tx, ctx, now, {
        action: "incident.update.edit",
        targetType: "incident",
        targetId: incidentId,
        details: { updateId, previousMessage: before.body, message },
      });
    }
    const incident = await getIncident(txCtx, incidentId);
    const update = incident.updates.find((u) => u.id === updateId) as IncidentUpdate;
    return { incident, update, channels: { withOldText: await deliveredCopies(txCtx, [updateId]), pending } };
  });
}
