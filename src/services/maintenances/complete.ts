import { maintenanceText } from "../../render/text.ts";
import type { ServiceContext } from "../context.ts";
import { latestMissedEta } from "../updates/index.ts";
import { closeMaintenance } from "./close.ts";
import { restoredStatuses } from "./restored-statuses.ts";
import { working } from "./states.ts";
import type { CloseRequest, ForMaintenance, MaintenanceDetail } from "./types.ts";

/**
 * The work is done: components go back to the status they had when it
 * started (or to what an incident still open gives them), and "completed" is
 * posted, saying how long it took and, when it overran, by how much.
 *
 * @example
 * await completeMaintenance(ctx, { id });
 */
export function completeMaintenance(
  ctx: ServiceContext,
  request: ForMaintenance<CloseRequest>,
): Promise<MaintenanceDetail> {
  const { id } = request;
  return closeMaintenance(ctx, request, {
    status: "completed",
    defaultMessage: "The scheduled maintenance has been completed.",
    refusal: (m) =>
      m.status === "scheduled"
        ? `maintenance ${id} has not started (it starts at starts_at); cancel it instead`
        : working(m.status)
          ? null
          : `maintenance ${id} is already ${m.status}`,
    async prepare(txCtx, m, now) {
      const { changes, found } = await restoredStatuses(txCtx, id);
      const missedEta = await latestMissedEta(txCtx, id);
      const plannedEnd = missedEta ?? (m.scheduledUntil && m.scheduledUntil < now ? m.scheduledUntil : null);
      const promise = maintenanceText(
        {
          what: "completed",
          durationMs: now.getTime() - m.startedAt.getTime(),
          plannedEnd,
          overrunByMs: plannedEnd ? now.getTime() - plannedEnd.getTime() : null,
        },
        ctx.config.pageTimezone,
      );
      return { promise, changes, found };
    },
  });
}
