import { eq } from "drizzle-orm";
import type { Incident } from "../../db/models.ts";
import { incidents } from "../../db/schema/index.ts";
import type { ComponentStatus } from "../../domain/components.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { auditDetails, type Found, nextSeq, writeUpdate } from "../updates/index.ts";
import { carryNotify } from "./carry-notify.ts";
import { getMaintenance } from "./get.ts";
import { lockMaintenance } from "./lock.ts";
import { maintenancePlan } from "./plan.ts";
import type { CloseRequest, ForMaintenance, MaintenanceDetail } from "./types.ts";

/** How one way of closing a maintenance (completing, cancelling) differs from the other. */
export type Closing = {
  status: "completed" | "cancelled";
  defaultMessage: string;
  /** Why this maintenance cannot be closed this way (a 409), or null. */
  refusal(m: Incident): string | null;
  /** The promise to post, the component statuses it gives, and what the audit log keeps. */
  prepare(
    ctx: ServiceContext,
    m: Incident,
    now: Date,
  ): Promise<{ promise: string; changes: Record<string, ComponentStatus>; found: Found }>;
};

/** Completes or cancels a maintenance: one update on every channel, and it takes no more. */
export async function closeMaintenance(
  ctx: ServiceContext,
  request: ForMaintenance<CloseRequest>,
  how: Closing,
): Promise<MaintenanceDetail> {
  const { id, ...input } = request;
  const now = ctx.clock();
  const maintenance = await withTransaction(ctx, async (tx, txCtx) => {
    const m = await lockMaintenance(txCtx, id);
    const refusal = how.refusal(m);
    if (refusal) throw AppError.conflict(refusal);
    const { promise, changes, found } = await how.prepare(txCtx, m, now);
    await tx
      .update(incidents)
      .set({ status: how.status, resolvedAt: now, eta: null, nextUpdateDueAt: null, updatedAt: now })
      .where(eq(incidents.id, id));
    const updateId = await writeUpdate(txCtx, {
      incidentId: id,
      seq: await nextSeq(txCtx, id),
      plan: maintenancePlan(how.status, how.status, { resolvedAt: now }),
      message: input.message ?? how.defaultMessage,
      ...carryNotify(m, input),
      componentChanges: changes,
      found,
      previousEta: m.eta,
      startedAt: m.startedAt,
      promise,
      now,
    });
    await recordAudit(tx, ctx, now, {
      action: how.status === "completed" ? "maintenance.complete" : "maintenance.cancel",
      targetType: "maintenance",
      targetId: id,
      details: { updateId, ...(how.status === "completed" ? { restored: changes } : {}), ...auditDetails(input) },
    });
    // Read in the transaction: once it commits, the answer must not need the database again.
    return getMaintenance(txCtx, id);
  });
  ctx.afterCommit?.();
  return maintenance;
}
