import type { IncidentStatus } from "../domain/incidents.ts";
import { describeDuration, lateGraceMs } from "../domain/promises.ts";
import { render } from "./index.ts";
import { formatTime } from "./time.ts";

const statusPhrases: Record<IncidentStatus, string> = {
  investigating: "investigating the cause",
  identified: "working on a fix for the cause we found",
  monitoring: "monitoring the fix to make sure it holds",
  resolved: "resolved",
};

const lateText = (lateByMs: number) => (lateByMs > lateGraceMs ? describeDuration(lateByMs) : null);

/**
 * The words of a holding update: no progress claimed, the status and ETA
 * restated, the next promise given. `variant` and the "as of" time make every
 * holding update's text differ from the last (X refuses duplicates).
 */
export function holdingText(facts: {
  status: IncidentStatus;
  eta: Date | null;
  nextUpdateDueAt: Date;
  now: Date;
  lateByMs: number;
  variant: number;
  timeZone: string;
}): string {
  const tz = facts.timeZone;
  return render("text/holding", {
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
