import { maintenanceText } from "../../render/text.ts";
import type { ServiceContext } from "../context.ts";
import { closeMaintenance } from "./close.ts";
import { working } from "./states.ts";
import type { CloseRequest, ForMaintenance, MaintenanceDetail } from "./types.ts";

/**
 * Calls the work off before it starts, announced on every channel; components are untouched.
 *
 * @example
 * await cancelMaintenance(ctx, { id, message: "No longer needed." });
 */
export function cancelMaintenance(
  ctx: ServiceContext,
  request: ForMaintenance<CloseRequest>,
): Promise<MaintenanceDetail> {
  const { id } = request;
  return closeMaintenance(ctx, request, {
    status: "cancelled",
    defaultMessage: "This maintenance has been cancelled.",
    refusal: (m) =>
      working(m.status)
        ? `maintenance ${id} is under way; complete it instead (POST .../complete)`
        : m.status === "scheduled"
          ? null
          : `maintenance ${id} is already ${m.status}`,
    prepare: async (_ctx, m) => ({
      promise: maintenanceText(
        { what: "cancelled", startsAt: m.scheduledFor as Date, endsAt: m.scheduledUntil as Date },
        ctx.config.pageTimezone,
      ),
      changes: {},
      found: new Map(),
    }),
  });
}
