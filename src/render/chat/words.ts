import { badgeColors, badgeWords } from "../badge.ts";

/** The incident's status as the page writes it. */
const statusWords: Record<string, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
};

export function statusWord(status: string): string {
  return statusWords[status] ?? status.replaceAll("_", " ");
}

/** A component's status word, as the badges and the page write it. */
export function componentWord(status: string): string {
  return badgeWords[status as keyof typeof badgeWords] ?? status.replaceAll("_", " ");
}

// The status page's palette (templates/partials/head.hbs, light scheme): a
// finished incident is --ok, maintenance --info, otherwise the impact's colour
// (--i0 none, --i1 minor, --i2 major, --i3 critical), as the page draws them.
const impactColors: Record<string, string> = {
  none: "#818b98",
  minor: "#bf8700",
  major: "#e16f24",
  critical: "#cf222e",
  maintenance: "#0969da",
};
const done = new Set(["resolved", "completed"]);
const maintenanceStatuses = new Set(["scheduled", "in_progress", "verifying"]);

/** The colour of an update's accent, as "#rrggbb". */
export function updateColor(status: string, impact: string): string {
  if (done.has(status)) return badgeColors.operational;
  if (maintenanceStatuses.has(status)) return impactColors.maintenance;
  return impactColors[impact] ?? impactColors.none;
}

/** The accent's tone in words, for platforms with named colours only (Adaptive Cards). */
export function updateTone(status: string, impact: string): "good" | "accent" | "warning" | "attention" | "default" {
  if (done.has(status)) return "good";
  if (maintenanceStatuses.has(status) || impact === "maintenance") return "accent";
  if (impact === "critical" || impact === "major") return "attention";
  if (impact === "minor") return "warning";
  return "default";
}

/** A component status's colour, from the badges' palette. */
export function componentColor(status: string): string {
  return badgeColors[status as keyof typeof badgeColors] ?? impactColors.none;
}

/** "14:05 UTC, 3 Dec 2026": chat clients show their own times, this is the fallback. */
export function utcTime(date: Date): string {
  const [day, month, year] = [
    date.getUTCDate(),
    date.toLocaleString("en-GB", { month: "short", timeZone: "UTC" }),
    date.getUTCFullYear(),
  ];
  return `${date.toISOString().slice(11, 16)} UTC, ${day} ${month} ${year}`;
}

export const automaticWords = "automatic update";
export const impactWord = (impact: string) => (impact === "none" ? "no impact" : `${impact} impact`);
