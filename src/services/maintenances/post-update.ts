import { eq } from "drizzle-orm";
import type { Incident } from "../../db/models.ts";
import { incidents } from "../../db/schema/index.ts";
import type { MaintenanceStatus } from "../../domain/maintenance.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { auditDetails, nextSeq, writeUpdate } from "../updates/index.ts";
import { carryNotify } from "./carry-notify.ts";
import { getMaintenance } from "./get.ts";
import { lockMaintenance } from "./lock.ts";
import { maintenancePlan } from "./plan.ts";
import { promiseFor } from "./promise-line.ts";
import { openStates, working } from "./states.ts";
import type { ForMaintenance, MaintenanceDetail, ProgressRequest } from "./types.ts";

/**
 * An update while a maintenance is open; `status` moves working maintenance
 * between in_progress and verifying (the start itself is the scheduler's).
 *
 * @example
 * await postMaintenanceUpdate(ctx, { id, message: "Checking the results.", status: "verifying" });
 */
export async function postMaintenanceUpdate(
  ctx: ServiceContext,
  request: ForMaintenance<ProgressRequest>,
): Promise<MaintenanceDetail> {
  const { id, ...input } = request;
  const now = ctx.clock();
  const maintenance = await withTransaction(ctx, async (tx, txCtx) => {
    const m = await lockMaintenance(txCtx, id);
    if (!openStates.includes(m.status as MaintenanceStatus)) {
      throw AppError.conflict(`maintenance ${id} is ${m.status}; it takes no more updates`);
    }
    if (input.status && !working(m.status)) {
      throw AppError.invalid([
        { field: "status", message: "can change only once the work has started (it starts at starts_at)" },
      ]);
    }
    const status = (input.status ?? m.status) as MaintenanceStatus;
    if (status !== m.status) await tx.update(incidents).set({ status, updatedAt: now }).where(eq(incidents.id, id));
    const after = { ...m, status } as Incident;
    const updateId = await writeUpdate(txCtx, {
      incidentId: id,
      seq: await nextSeq(txCtx, id),
      plan: maintenancePlan(status, "manual", { eta: m.eta, nextUpdateDueAt: m.nextUpdateDueAt }),
      message: input.message,
      ...carryNotify(m, input),
      componentChanges: {},
      found: new Map(),
      previousEta: m.eta,
      startedAt: m.startedAt,
      promise: promiseFor(ctx, after),
      now,
    });
    await recordAudit(tx, ctx, now, {
      action: "maintenance.update",
      targetType: "maintenance",
      targetId: id,
      details: { updateId, ...auditDetails(input) },
    });
    // Read in the transaction: once it commits, the answer must not need the database again.
    return getMaintenance(txCtx, id);
  });
  ctx.afterCommit?.();
  return maintenance;
}
