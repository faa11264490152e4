import { AppError, type FieldProblem } from "../errors.ts";
import { type IncidentStatus, incidentStatusWords, type UpdateKind } from "./incidents.ts";
import {
  describePeakWindow,
  nearestOffPeakSlot,
  type PeakHours,
  PeakHoursError,
  peakOverlap,
} from "./peak-hours/index.ts";

/**
 * Scheduled maintenance: planned work announced ahead, with a window
 * [starts_at, ends_at). Statuses follow Statuspage's (scheduled, in_progress,
 * verifying, completed), plus cancelled for work that will not happen.
 */
export const maintenanceStatuses = ["scheduled", "in_progress", "verifying", "completed", "cancelled"] as const;
export type MaintenanceStatus = (typeof maintenanceStatuses)[number];
/** Statuses engineers may set with an update while the work goes on. */
export const workingStatuses = ["in_progress", "verifying"] as const;

export const maintenanceStatusWords: Record<MaintenanceStatus, string> = {
  scheduled: "Scheduled maintenance",
  in_progress: "Maintenance in progress",
  verifying: "Verifying maintenance",
  completed: "Maintenance completed",
  cancelled: "Maintenance cancelled",
};

/** Every status of an incident or a maintenance, as customers read it on every channel and page. */
export const statusWords: Record<IncidentStatus | MaintenanceStatus, string> = {
  ...incidentStatusWords,
  ...maintenanceStatusWords,
};

/** The words for any status; the status itself when it is unknown. */
export function statusLabel(status: string): string {
  return statusWords[status as IncidentStatus | MaintenanceStatus] ?? status;
}

/** Updates Candor posts by itself, keeping a promise engineers made. */
export const automaticKinds: ReadonlySet<UpdateKind> = new Set(["holding", "eta_missed", "reminder", "started"]);

/** How long before the start the reminder goes out when the caller does not say (PT1H). */
export const defaultRemindBeforeMs = 3_600_000;
export const maxRemindBeforeMs = 7 * 86_400_000;
/** A window must start at least this far ahead, so it can be announced before it begins. */
export const minLeadMs = 60_000;
export const maxLeadMs = 366 * 86_400_000;
export const minWindowMs = 60_000;
export const maxWindowMs = 14 * 86_400_000;

/**
 * What is wrong with a window, field by field. `startFixed` is true once the
 * work has started: then only the end may move, and it must still be ahead.
 */
export function windowProblems(startsAt: Date, endsAt: Date, now: Date, startFixed = false): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const t = now.getTime();
  const start = startsAt.getTime();
  const end = endsAt.getTime();
  if (!startFixed) {
    if (start < t + minLeadMs) problems.push({ field: "starts_at", message: "must be at least one minute ahead" });
    else if (start > t + maxLeadMs) problems.push({ field: "starts_at", message: "must be at most a year ahead" });
  }
  if (end <= start) problems.push({ field: "ends_at", message: "must be after starts_at" });
  else if (end - start < minWindowMs)
    problems.push({ field: "ends_at", message: "must be at least one minute after starts_at" });
  else if (end - start > maxWindowMs)
    problems.push({ field: "ends_at", message: "must be at most 14 days after starts_at" });
  else if (startFixed && end <= t) problems.push({ field: "ends_at", message: "must be in the future" });
  return problems;
}

/**
 * A 409 when the window overlaps peak hours, naming the overlap and the
 * nearest off-peak window of the same length (in `suggested_window` too, so a
 * client can offer it); null when the window is off-peak or no peak hours are
 * configured.
 */
export function peakHoursConflict(peak: PeakHours | null, startsAt: Date, endsAt: Date, now: Date): AppError | null {
  if (!peak) return null;
  const overlap = peakOverlap(peak, startsAt, endsAt);
  if (!overlap) return null;
  const stretch = describePeakWindow(overlap, overlap.timeZone);
  let suggestion: { start: Date; end: Date } | null = null;
  try {
    suggestion = nearestOffPeakSlot(peak, startsAt, endsAt, new Date(now.getTime() + minLeadMs));
  } catch (err) {
    if (!(err instanceof PeakHoursError)) throw err;
  }
  const offer = suggestion
    ? `The nearest off-peak window of the same length is ${describePeakWindow(suggestion, overlap.timeZone)} (starts_at ${suggestion.start.toISOString()}, ends_at ${suggestion.end.toISOString()}).`
    : "No off-peak window of the same length starts within 14 days.";
  return AppError.conflict(
    `the window overlaps peak hours (${overlap.rule}) during ${stretch}. ${offer} To go ahead in peak hours anyway, send allow_peak_hours: true (it is recorded in the audit log).`,
    [
      { field: "starts_at", message: `the window overlaps peak hours during ${stretch}` },
      { field: "allow_peak_hours", message: "set true to schedule in peak hours anyway" },
    ],
    {
      peak_overlap: { starts_at: overlap.start.toISOString(), ends_at: overlap.end.toISOString(), rule: overlap.rule },
      suggested_window: suggestion
        ? { starts_at: suggestion.start.toISOString(), ends_at: suggestion.end.toISOString() }
        : null,
    },
  );
}
