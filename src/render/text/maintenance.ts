import { describeDuration } from "../../domain/promises.ts";
import { render } from "../index.ts";
import { formatTime } from "../time.ts";
import { describeWindow } from "../window.ts";
import { lateText } from "./late.ts";

/** The words of scheduled maintenance's updates and promises (templates/text/maintenance/). */
export type MaintenanceWords =
  /** The promise of an announcement, a reminder or a rescheduling: the window. */
  | { what: "planned"; startsAt: Date; endsAt: Date; windowInMessage?: boolean }
  /** The promise while the work goes on: when it should be done (and what was said before, when it moved). */
  | { what: "working"; endsAt: Date; previousEndsAt: Date | null }
  /** The promise of the completion: how long it took, and by how much it overran the plan. */
  | { what: "completed"; durationMs: number; plannedEnd: Date | null; overrunByMs: number | null }
  | { what: "cancelled"; startsAt: Date; endsAt: Date }
  | { what: "reminder"; startsAt: Date; leadMs: number }
  | { what: "started"; lateByMs: number }
  /** The promise once the planned end has passed with no new one. */
  | { what: "next"; nextUpdateDueAt: Date }
  | { what: "rescheduled"; oldStartsAt: Date; oldEndsAt: Date; startsAt: Date; endsAt: Date }
  /** The automatic update when the planned end passes without a completion. */
  | { what: "overrun"; missedEnd: Date; nextUpdateDueAt: Date; lateByMs: number };

/**
 * Words for one maintenance message: picks the template for the kind (and,
 * where the facts differ, its variant) and turns times into the page's zone.
 */
export function maintenanceText(facts: MaintenanceWords, timeZone: string): string {
  const t = (d: Date) => formatTime(d, timeZone);
  const window = (a: Date, b: Date) => describeWindow(a, b, timeZone);
  switch (facts.what) {
    case "planned":
      return render("text/maintenance/planned", {
        window: facts.windowInMessage ? null : window(facts.startsAt, facts.endsAt),
      }).trim();
    case "cancelled":
      return render("text/maintenance/cancelled", { window: window(facts.startsAt, facts.endsAt) }).trim();
    case "working":
      if (!facts.previousEndsAt) return render("text/maintenance/working", { end: t(facts.endsAt) }).trim();
      return render("text/maintenance/new-end", {
        end: t(facts.endsAt),
        previousEnd: t(facts.previousEndsAt),
        direction: facts.endsAt < facts.previousEndsAt ? "earlier" : "later",
      }).trim();
    case "completed": {
      const duration = describeDuration(facts.durationMs);
      if (!facts.overrunByMs || facts.overrunByMs <= 0)
        return render("text/maintenance/completed", { duration }).trim();
      return render("text/maintenance/completed-overrun", {
        duration,
        overrunBy: describeDuration(facts.overrunByMs),
        plannedEnd: facts.plannedEnd ? t(facts.plannedEnd) : null,
      }).trim();
    }
    case "reminder":
      return render("text/maintenance/reminder", {
        start: formatTime(facts.startsAt, timeZone, true),
        lead: describeDuration(facts.leadMs),
      }).trim();
    case "started":
      return render("text/maintenance/started", { late: lateText(facts.lateByMs) }).trim();
    case "next":
      return render("text/maintenance/next", { next: t(facts.nextUpdateDueAt) }).trim();
    case "rescheduled":
      return render("text/maintenance/rescheduled", {
        oldWindow: window(facts.oldStartsAt, facts.oldEndsAt),
        window: window(facts.startsAt, facts.endsAt),
      }).trim();
    case "overrun":
      return render("text/maintenance/overrun", {
        missedEnd: t(facts.missedEnd),
        late: lateText(facts.lateByMs),
        next: t(facts.nextUpdateDueAt),
      }).trim();
  }
}
