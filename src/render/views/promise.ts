import type { EtaRevision } from "../../db/models.ts";
import { describeDuration, lateGraceMs } from "../../domain/promises.ts";
import { type TimeView, timeView } from "./times.ts";

/** What was promised next, as the promise partial words it. */
export type PromiseView = {
  /** Worded for planned work: a finish time and a planned end, not service coming back. */
  maintenance?: boolean;
  eta?: TimeView;
  missed?: { eta: TimeView; ago: string };
  noEstimate?: boolean;
  next?: TimeView;
  nextLate?: { at: TimeView; late: string };
};

/** The promise-bearing facts of an incident or maintenance. */
export type PromiseFacts = {
  kind: string;
  status: string;
  eta: Date | null;
  nextUpdateDueAt: Date | null;
  resolvedAt: Date | null;
};

/**
 * The estimate that passed with the incident still open, if customers have
 * no newer one: the current ETA once reached, or the one the machine
 * withdrew when it admitted the miss (the ledger's last real estimate).
 */
function passedEstimate(eta: Date | null, ledger: EtaRevision[], now: Date): Date | null {
  if (eta) return eta.getTime() <= now.getTime() ? eta : null;
  const lastGiven = ledger.findLast((r) => r.eta !== null);
  return lastGiven?.outcome === "missed" ? lastGiven.eta : null;
}

/**
 * What was promised next, worded from facts: an ETA, a passed ETA said
 * plainly, the next update time. For a maintenance the ETA is the planned
 * end; before the work starts the window is the promise, shown on its own.
 *
 * @example promiseView(incident, ledger, now, "UTC") // { missed: { eta, ago: "25 minutes" }, next }
 */
export function promiseView(incident: PromiseFacts, ledger: EtaRevision[], now: Date, tz: string): PromiseView | null {
  if (incident.resolvedAt) return null;
  const maintenance = incident.kind === "maintenance";
  if (maintenance && incident.status === "scheduled") return null;
  const view: PromiseView = maintenance ? { maintenance } : {};
  const passed = passedEstimate(incident.eta, ledger, now);
  if (passed) view.missed = { eta: timeView(passed, tz, now), ago: describeDuration(now.getTime() - passed.getTime()) };
  else if (incident.eta) view.eta = timeView(incident.eta, tz, now);
  // After a miss the machine withdraws the estimate: say there is no new one yet.
  if (!incident.eta) view.noEstimate = true;
  const due = incident.nextUpdateDueAt;
  // Work under way promises its next word at its planned end: "finish by" says it once.
  const sameAsEnd = maintenance && due && incident.eta && due.getTime() === incident.eta.getTime();
  if (due && !sameAsEnd) {
    const lateMs = now.getTime() - due.getTime();
    if (lateMs > lateGraceMs) view.nextLate = { at: timeView(due, tz, now), late: describeDuration(lateMs) };
    else view.next = timeView(due, tz, now);
  }
  return view;
}
