import { peakHoursConflict } from "../../domain/maintenance.ts";
import type { ServiceContext } from "../context.ts";

/** The peak-hours check for a window the caller sets, and what the audit log keeps of an override. */
export function checkPeakHours(ctx: ServiceContext, startsAt: Date, endsAt: Date, allow: boolean, now: Date) {
  const conflict = peakHoursConflict(ctx.config.peakHours, startsAt, endsAt, now);
  if (conflict && !allow) throw conflict;
  return conflict ? { peakHoursOverride: { reason: conflict.message, ...conflict.extra } } : {};
}
