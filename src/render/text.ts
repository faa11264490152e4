import type { IncidentStatus } from "../domain/incidents.ts";
import { describeWindow, type MaintenanceStatus } from "../domain/maintenance.ts";
import { describeDuration, lateGraceMs } from "../domain/promises.ts";
import { render } from "./index.ts";
import { formatTime } from "./time.ts";

const statusPhrases: Record<IncidentStatus | MaintenanceStatus, string> = {
  investigating: "investigating the cause",
  identified: "working on a fix for the cause we found",
  monitoring: "monitoring the fix to make sure it holds",
  resolved: "resolved",
  scheduled: "preparing the maintenance",
  in_progress: "carrying out the maintenance",
  verifying: "checking that everything works after the maintenance",
  completed: "done with the maintenance",
  cancelled: "not going ahead with the maintenance",
};

const lateText = (lateByMs: number) => (lateByMs > lateGraceMs ? describeDuration(lateByMs) : null);

/**
 * The words of a holding update: no progress claimed, the status and ETA
 * restated, the next promise given. `variant` and the "as of" time make every
 * holding update's text differ from the last (X refuses duplicates).
 */
export function holdingText(facts: {
  status: IncidentStatus | MaintenanceStatus;
  eta: Date | null;
  nextUpdateDueAt: Date;
  now: Date;
  lateByMs: number;
  variant: number;
  timeZone: string;
  /** True for a maintenance past its planned end: no "fix", a finish time. */
  maintenance?: boolean;
}): string {
  const tz = facts.timeZone;
  return render("text/holding", {
    maintenance: facts.maintenance ?? false,
    variant: facts.variant % 4,
    statusPhrase: statusPhrases[facts.status],
    late: lateText(facts.lateByMs),
    eta: facts.eta ? formatTime(facts.eta, tz) : null,
    next: formatTime(facts.nextUpdateDueAt, tz),
    now: formatTime(facts.now, tz),
  }).trim();
}

/** The words when an ETA passes: it passed, we're sorry, what happens next. */
export function etaMissedText(facts: {
  missedEta: Date;
  nextUpdateDueAt: Date;
  lateByMs: number;
  timeZone: string;
}): string {
  return render("text/eta_missed", {
    missedEta: formatTime(facts.missedEta, facts.timeZone),
    late: lateText(facts.lateByMs),
    next: formatTime(facts.nextUpdateDueAt, facts.timeZone),
  }).trim();
}

export type PromiseFacts =
  | {
      resolved: false;
      eta: Date | null;
      previousEta: Date | null;
      /** True when this update changed the ETA. */
      etaChanged: boolean;
      nextUpdateDueAt: Date;
    }
  | { resolved: true; durationMs: number; missedEta: Date | null; missedByMs: number | null };

/**
 * The promise every public update ends with: when service should be back,
 * when the next update comes, or, at resolution, how long it took and by how
 * much an estimate was missed. A later ETA is called later.
 */
export function promiseText(facts: PromiseFacts, timeZone: string): string {
  const t = (d: Date | null) => (d ? formatTime(d, timeZone) : null);
  if (facts.resolved) {
    return render("text/promise", {
      resolved: true,
      duration: describeDuration(facts.durationMs),
      missedEta: t(facts.missedEta),
      missedBy: facts.missedByMs ? describeDuration(facts.missedByMs) : null,
    }).trim();
  }
  const revised = facts.etaChanged && facts.previousEta !== null;
  return render("text/promise", {
    resolved: false,
    eta: t(facts.eta),
    previousEta: revised && facts.eta ? t(facts.previousEta) : null,
    direction:
      revised && facts.eta && facts.previousEta && facts.eta.getTime() < facts.previousEta.getTime()
        ? "earlier"
        : "later",
    etaWithdrawn: revised && !facts.eta ? t(facts.previousEta) : null,
    next: t(facts.nextUpdateDueAt),
  }).trim();
}

/** The words of scheduled maintenance's updates and promises (templates/text/maintenance.hbs). */
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

export function maintenanceText(facts: MaintenanceWords, timeZone: string): string {
  const t = (d: Date) => formatTime(d, timeZone);
  const window = (a: Date, b: Date) => describeWindow(a, b, timeZone);
  switch (facts.what) {
    case "planned":
      return render("text/maintenance", {
        what: "planned",
        window: facts.windowInMessage ? null : window(facts.startsAt, facts.endsAt),
      }).trim();
    case "cancelled":
      return render("text/maintenance", { what: "cancelled", window: window(facts.startsAt, facts.endsAt) }).trim();
    case "working":
      return render("text/maintenance", {
        what: "working",
        end: t(facts.endsAt),
        previousEnd: facts.previousEndsAt ? t(facts.previousEndsAt) : null,
        direction: facts.previousEndsAt && facts.endsAt < facts.previousEndsAt ? "earlier" : "later",
      }).trim();
    case "completed":
      return render("text/maintenance", {
        what: "completed",
        duration: describeDuration(facts.durationMs),
        overrunBy: facts.overrunByMs && facts.overrunByMs > 0 ? describeDuration(facts.overrunByMs) : null,
        plannedEnd: facts.plannedEnd ? t(facts.plannedEnd) : null,
      }).trim();
    case "reminder":
      return render("text/maintenance", {
        what: "reminder",
        start: formatTime(facts.startsAt, timeZone, true),
        lead: describeDuration(facts.leadMs),
      }).trim();
    case "started":
      return render("text/maintenance", { what: "started", late: lateText(facts.lateByMs) }).trim();
    case "next":
      return render("text/maintenance", { what: "next", next: t(facts.nextUpdateDueAt) }).trim();
    case "rescheduled":
      return render("text/maintenance", {
        what: "rescheduled",
        oldWindow: window(facts.oldStartsAt, facts.oldEndsAt),
        window: window(facts.startsAt, facts.endsAt),
      }).trim();
    case "overrun":
      return render("text/maintenance", {
        what: "overrun",
        missedEnd: t(facts.missedEnd),
        late: lateText(facts.lateByMs),
        next: t(facts.nextUpdateDueAt),
      }).trim();
  }
}
