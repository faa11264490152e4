import type { UpdateKind } from "../../domain/incidents.ts";

/** Who posted an update and why, so customers can tell the team's words from the machine keeping a promise. */
const kindWords: Record<UpdateKind, string> = {
  manual: "By the team",
  resolved: "By the team",
  holding: "Automatic: the promised update, no news yet",
  eta_missed: "Automatic: our estimate passed",
  announced: "By the team: announced",
  reminder: "Automatic: reminder",
  rescheduled: "By the team: rescheduled",
  started: "Automatic: the work started",
  completed: "By the team",
  cancelled: "By the team",
};

/** A maintenance's ETA is its planned end: passing it is an overrun, not a missed estimate. */
const maintenanceKindWords: Partial<Record<UpdateKind, string>> = {
  eta_missed: "Automatic: past its planned end",
};

/**
 * The words beside an update saying who wrote it, worded for planned work
 * when `maintenance`; an unknown kind is shown as it is rather than hidden.
 *
 * @example kindLabel("eta_missed", true) // "Automatic: past its planned end"
 */
export function kindLabel(kind: string, maintenance: boolean): string {
  const words = (maintenance ? maintenanceKindWords[kind as UpdateKind] : undefined) ?? kindWords[kind as UpdateKind];
  return words ?? kind;
}
