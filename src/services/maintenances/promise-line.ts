import type { Incident } from "../../db/models.ts";
import { maintenanceText } from "../../render/text.ts";
import type { ServiceContext } from "../context.ts";

/** The promise an open maintenance's update carries: its window before the work, its end during it. */
export function promiseFor(ctx: ServiceContext, m: Incident, previousEndsAt: Date | null = null): string {
  const tz = ctx.config.pageTimezone;
  if (m.status === "scheduled") {
    return maintenanceText({ what: "planned", startsAt: m.scheduledFor as Date, endsAt: m.scheduledUntil as Date }, tz);
  }
  if (m.eta) return maintenanceText({ what: "working", endsAt: m.eta, previousEndsAt }, tz);
  // Past the planned end with no new one: the next update is the promise.
  return m.nextUpdateDueAt ? maintenanceText({ what: "next", nextUpdateDueAt: m.nextUpdateDueAt }, tz) : "";
}
