import { describeDuration } from "../promises.ts";
import { instant, peakIntervals } from "./intervals.ts";
import { dayMs, minuteMs, type PeakHours, PeakHoursError } from "./types.ts";

const quarterMs = 15 * minuteMs;
/** How far nearestOffPeakSlot looks on each side of the requested start. */
export const offPeakSearchMs = 14 * dayMs;

/**
 * The off-peak window as long as [start, end) whose start is closest to the
 * requested start, earlier or later but never before `notBefore`. Candidates
 * start on the quarter hour, at most 14 days either side; on a tie the later one
 * wins (more time to prepare). Throws a PeakHoursError when none fits, e.g. when
 * peak hours cover the whole week or the window is longer than any off-peak gap.
 *
 * @example nearestOffPeakSlot(parsePeakHours("Mon-Fri 08:00-20:00 UTC"), new Date("2026-11-24T19:00:00Z"), new Date("2026-11-24T21:00:00Z"), now)
 * // { start: 2026-11-24T20:00:00Z, end: 2026-11-24T22:00:00Z }
 */
export function nearestOffPeakSlot(
  peak: PeakHours,
  start: Date,
  end: Date,
  notBefore: Date,
): { start: Date; end: Date } {
  const requested = instant("start", start);
  const length = instant("end", end) - requested;
  const earliest = instant("notBefore", notBefore);
  if (length <= 0) throw new PeakHoursError("the window must end after it starts");

  const lowest = Math.max(requested - offPeakSearchMs, earliest);
  const highest = requested + offPeakSearchMs;
  const none = () =>
    new PeakHoursError(
      `no off-peak window of ${describeDuration(length)} starts within 14 days of ${new Date(requested).toISOString()}${earliest > requested - offPeakSearchMs ? ` and not before ${new Date(earliest).toISOString()}` : ""} (peak hours: ${peak.text})`,
    );
  if (lowest > highest) throw none();

  const intervals = peakIntervals(peak, lowest, highest + length);
  /** Whether [t, t + length) misses every peak interval (binary search for the first ending after t). */
  const fits = (t: number) => {
    let lo = 0;
    let hi = intervals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (intervals[mid].end <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo === intervals.length || intervals[lo].start >= t + length;
  };

  const candidates: number[] = [];
  for (let t = Math.ceil(lowest / quarterMs) * quarterMs; t <= highest; t += quarterMs) candidates.push(t);
  candidates.sort((a, b) => Math.abs(a - requested) - Math.abs(b - requested) || b - a);
  for (const t of candidates) if (fits(t)) return { start: new Date(t), end: new Date(t + length) };
  throw none();
}
