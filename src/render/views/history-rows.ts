import type { Incident } from "../../db/models.ts";
import type { Impact } from "../../domain/components.ts";
import { statusLabel } from "../../domain/maintenance.ts";
import { shortDuration } from "./durations.ts";
import { impactViews, maintenanceMark } from "./status.ts";
import { timeView } from "./times.ts";

/**
 * An incident on /history: its impact, when it started and ended, and how
 * long it lasted (so far, while it is open).
 *
 * @example historyRow(i, now, "UTC").duration // "1 h 35 min"
 */
export function historyRow(i: Incident, now: Date, tz: string) {
  return {
    id: i.id,
    title: i.title,
    impact: impactViews[i.impact as Impact],
    started: timeView(i.startedAt, tz),
    resolved: i.resolvedAt ? timeView(i.resolvedAt, tz, i.startedAt) : null,
    duration: shortDuration((i.resolvedAt ?? now).getTime() - i.startedAt.getTime()),
  };
}

/**
 * A completed or cancelled maintenance on /history, marked as maintenance
 * rather than given an impact: the window it was planned for, and when the
 * work ran and how long it took, or that it did not take place.
 *
 * @example pastMaintenanceRow(m, "UTC").maintenance.ran // null when it was cancelled
 */
export function pastMaintenanceRow(m: Incident, tz: string) {
  const cancelled = m.status === "cancelled";
  const end = m.resolvedAt ?? m.startedAt;
  const plannedStart = m.scheduledFor ?? m.startedAt;
  return {
    id: m.id,
    title: m.title,
    maintenance: {
      mark: maintenanceMark,
      statusLabel: statusLabel(m.status),
      // The planned start names its date when the work did not take place, or ran on another day.
      planned: {
        starts: timeView(plannedStart, tz, cancelled ? undefined : m.startedAt),
        ends: timeView(m.scheduledUntil ?? plannedStart, tz, plannedStart),
      },
      ran: cancelled
        ? null
        : {
            started: timeView(m.startedAt, tz),
            ended: timeView(end, tz, m.startedAt),
            took: shortDuration(end.getTime() - m.startedAt.getTime()),
          },
    },
  };
}
