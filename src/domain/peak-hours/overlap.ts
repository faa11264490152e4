import { instant, peakIntervals } from "./intervals.ts";
import type { PeakHours, PeakOverlap } from "./types.ts";

/**
 * The first stretch of the window [start, end) that falls in peak hours, or
 * null when the window is wholly off-peak. Adjoining peak stretches (Mon 20:00-24:00
 * and Tue 00:00-08:00) count as one; `rule` names the rule(s) behind it and
 * `timeZone` the first one's zone. A window ending exactly when peak hours
 * start does not overlap them.
 *
 * @example peakOverlap(parsePeakHours("Mon-Fri 08:00-20:00 Europe/London"), new Date("2026-11-24T07:00:00Z"), new Date("2026-11-24T09:30:00Z"))
 * // { start: 2026-11-24T08:00:00Z, end: 2026-11-24T09:30:00Z, rule: "Mon-Fri 08:00-20:00 Europe/London", timeZone: "Europe/London" }
 */
export function peakOverlap(peak: PeakHours, start: Date, end: Date): PeakOverlap | null {
  const from = instant("start", start);
  const to = instant("end", end);
  if (to <= from) return null;
  const first = peakIntervals(peak, from, to)[0];
  if (!first) return null;
  const zoneOf = peak.rules.find((r) => r.text === first.rules[0])?.timeZone ?? "UTC";
  return {
    start: new Date(Math.max(first.start, from)),
    end: new Date(Math.min(first.end, to)),
    rule: first.rules.join("; "),
    timeZone: zoneOf,
  };
}
