import { eq } from "drizzle-orm";
import type { IncidentUpdate } from "../../db/models.ts";
import { incidents, incidentUpdates } from "../../db/schema/index.ts";
import { withdrawPending } from "../../delivery/queue/index.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { getIncident } from "../incidents/index.ts";
import { lockIncident, lockUpdate } from "./lock.ts";
import { deliveredCopies } from "./old-text.ts";
import type { UpdateCorrection } from "./types.ts";

/**
 * Hides an update that should never have been public: gone from the pages,
 * the feeds and the v2 JSON, kept in the database and shown, marked, to API
 * keys. Only its words go: what it did (status, promise, component statuses)
 * stands, as a new update changes it. Channels that had not sent it will
 * not; the answer lists the copies already out. Not the first update, which
 * announced the incident (correct its words instead). Hiding twice is a no-op.
 *
 * @example await hideUpdate(ctx, { incidentId, updateId })
 */
export async function hideUpdate(
  ctx: ServiceContext,
  input: { incidentId: string; updateId: string },
): Promise<UpdateCorrection> {
  const { incidentId, updateId } = input;
  const now = ctx.clock();
  return withTransaction(ctx, async (tx, txCtx) => {
    await lockIncident(txCtx, incidentId);
    const before = await lockUpdate(txCtx, incidentId, updateId, "hidden");
    if (before.seq === 1) {
      throw AppError.conflict(
        `update ${updateId} is the first update of incident ${incidentId}: it announced the incident and cannot be hidden; correct its words with PATCH /api/v1/incidents/${incidentId}/updates/${updateId}`,
      );
    }
    let pending: string[] = [];
    if (!before.hiddenAt) {
      await tx.update(incidentUpdates).set({ hiddenAt: now }).where(eq(incidentUpdates.id, updateId));
      await tx.update(incidents).set({ updatedAt: now }).where(eq(incidents.id, incidentId));
      pending = await withdrawPending(tx, updateId, now);
      await recordAudit(tx, ctx, now, {
        action: "incident.update.hide",
        targetType: "incident",
        targetId: incidentId,
        details: { updateId, message: before.body, withdrawn: pending },
      });
    }
    const incident = await getIncident(txCtx, incidentId);
    const update = incident.updates.find((u) => u.id === updateId) as IncidentUpdate;
    return { incident, update, channels: { withOldText: await deliveredCopies(txCtx, [updateId]), pending } };
  });
}
