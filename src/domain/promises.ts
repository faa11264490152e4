import type { IncidentStatus, UpdateKind } from "./incidents.ts";

/** An automatic update posted this much after its due time admits it is late. */
export const lateGraceMs = 60_000;

export type PromiseState = {
  status: IncidentStatus;
  resolvedAt: Date | null;
  eta: Date | null;
  nextUpdateDueAt: Date | null;
};

export type DueUpdate =
  | { kind: "eta_missed"; missedEta: Date; dueAt: Date; lateByMs: number }
  | { kind: "holding"; dueAt: Date; lateByMs: number };

/**
 * Which automatic update, if any, an incident owes its customers at `now`.
 * A passed ETA comes first: it is the bigger broken promise, and the update
 * that admits it also carries the next-update promise, so no holding update
 * is owed beside it.
 *
 * @example dueAutomaticUpdate({ status: "investigating", resolvedAt: null, eta: null, nextUpdateDueAt: past }, now)?.kind // "holding"
 */
export function dueAutomaticUpdate(incident: PromiseState, now: Date): DueUpdate | null {
  if (incident.resolvedAt || incident.status === "resolved") return null;
  const t = now.getTime();
  if (incident.eta && incident.eta.getTime() <= t) {
    const lateByMs = t - incident.eta.getTime();
    return { kind: "eta_missed", missedEta: incident.eta, dueAt: incident.eta, lateByMs };
  }
  if (incident.nextUpdateDueAt && incident.nextUpdateDueAt.getTime() <= t) {
    return { kind: "holding", dueAt: incident.nextUpdateDueAt, lateByMs: t - incident.nextUpdateDueAt.getTime() };
  }
  return null;
}

/** The earliest moment this incident will owe an automatic update, or null. */
export function nextDueAt(incident: PromiseState): Date | null {
  if (incident.resolvedAt || incident.status === "resolved") return null;
  const times = [incident.eta, incident.nextUpdateDueAt].filter((d): d is Date => d !== null);
  return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
}

export type NextUpdateOutcome = "kept_by_engineer" | "kept_by_machine" | "missed";

/**
 * How the previous update's next-update promise turned out, judged when the
 * following update is posted. The machine keeps a promise only when it posts
 * within the grace period; an update (by anyone) after that was late.
 */
export function settleNextUpdatePromise(dueAt: Date, postedAt: Date, postedKind: UpdateKind): NextUpdateOutcome {
  const lateBy = postedAt.getTime() - dueAt.getTime();
  if (lateBy > lateGraceMs) return "missed";
  return postedBy(postedKind) === "machine" ? "kept_by_machine" : "kept_by_engineer";
}

/**
 * Who answered a next-update promise, on time or late: the machine, with a
 * holding or missed-ETA update, or an engineer with any other.
 *
 * @example postedBy("holding") // "machine"
 */
export function postedBy(kind: string): "engineer" | "machine" {
  return kind === "holding" || kind === "eta_missed" ? "machine" : "engineer";
}

/** Rounds a span to whole minutes for customers, never showing "0 minutes" for a real delay. */
export function wholeMinutes(ms: number): number {
  return Math.max(1, Math.round(ms / 60_000));
}

/** "1 hour 25 minutes", "3 minutes", "2 days 1 hour". */
export function describeDuration(ms: number): string {
  let minutes = wholeMinutes(ms);
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  const part = (n: number, unit: string) => (n ? `${n} ${unit}${n === 1 ? "" : "s"}` : "");
  return [part(days, "day"), part(hours, "hour"), part(minutes, "minute")].filter(Boolean).join(" ") || "1 minute";
}
