import type { Incident } from "../../db/models.ts";
import { incidentComponents, incidents } from "../../db/schema/index.ts";
import { defaultRemindBeforeMs, windowProblems } from "../../domain/maintenance.ts";
import { AppError } from "../../errors.ts";
import { newId } from "../../lib/ids.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { resolveSlugs, writeUpdate } from "../updates/index.ts";
import { checkPeakHours } from "./check-peak-hours.ts";
import { getMaintenance } from "./get.ts";
import { maintenancePlan } from "./plan.ts";
import { promiseFor } from "./promise-line.ts";
import { remindedAtFor } from "./reminder.ts";
import type { MaintenanceDetail, ScheduleRequest } from "./types.ts";

/**
 * Announces a maintenance on every channel; 409 when it falls in peak hours
 * and the caller did not allow it.
 *
 * @example
 * await scheduleMaintenance(ctx, { title, message, components: ["api"], startsAt, endsAt });
 */
export async function scheduleMaintenance(ctx: ServiceContext, input: ScheduleRequest): Promise<MaintenanceDetail> {
  const now = ctx.clock();
  const problems = windowProblems(input.startsAt, input.endsAt, now);
  if (problems.length) throw AppError.invalid(problems);
  const override = checkPeakHours(ctx, input.startsAt, input.endsAt, input.allowPeakHours ?? false, now);
  const remindBeforeMs = input.remindBeforeMs === undefined ? defaultRemindBeforeMs : input.remindBeforeMs;
  const maintenance = await withTransaction(ctx, async (tx, txCtx) => {
    const found = await resolveSlugs(txCtx, input.components);
    const maintenanceId = newId("mnt");
    const row = {
      id: maintenanceId,
      kind: "maintenance",
      title: input.title,
      status: "scheduled",
      impact: "none",
      startedAt: input.startsAt,
      resolvedAt: null,
      eta: null,
      nextUpdateDueAt: null,
      updateIntervalMs: ctx.config.defaultUpdateIntervalMs,
      createdBy: ctx.actor.name,
      updatedAt: now,
      scheduledFor: input.startsAt,
      scheduledUntil: input.endsAt,
      remindBeforeMs,
      remindedAt: remindedAtFor(input.startsAt, remindBeforeMs, now),
      allowPeakHours: Boolean(override.peakHoursOverride),
      notify: input.notify ? { twitter: true, email: true, webhook: true, ...input.notify } : null,
    };
    await tx.insert(incidents).values(row);
    if (found.size) {
      // Named now (subscribers' component filters apply to every announcement); changed only when the work starts.
      await tx
        .insert(incidentComponents)
        .values(
          [...found.values()].map((c) => ({ incidentId: maintenanceId, componentId: c.id, status: "operational" })),
        );
    }
    await writeUpdate(txCtx, {
      incidentId: maintenanceId,
      seq: 1,
      plan: maintenancePlan("scheduled", "announced"),
      message: input.message,
      notify: input.notify,
      tweet: input.tweet,
      componentChanges: {},
      found: new Map(),
      previousEta: null,
      startedAt: input.startsAt,
      promise: promiseFor(ctx, row as Incident),
      now,
    });
    await recordAudit(tx, ctx, now, {
      action: "maintenance.schedule",
      targetType: "maintenance",
      targetId: maintenanceId,
      details: {
        title: input.title,
        components: [...found.keys()],
        startsAt: input.startsAt.toISOString(),
        endsAt: input.endsAt.toISOString(),
        remindBeforeMs,
        notify: input.notify,
        ...override,
      },
    });
    // Read in the transaction: once it commits, the answer must not need the database again.
    return getMaintenance(txCtx, maintenanceId);
  });
  ctx.afterCommit?.();
  return maintenance;
}
