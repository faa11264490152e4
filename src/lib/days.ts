// Calendar days as `YYYY-MM-DD` keys in the page's time zone: what the
// 90-day bars and /history's months are counted in.

import { dateTimeFormat } from "./date-formats.ts";

const dayMs = 86_400_000;
const quarterMs = 15 * 60_000;
/** Quarter hour and zone → day; bounded (cleared when full) so a long-running process does not grow it forever. */
const dayKeys = new Map<string, string>();
const maxDayKeys = 50_000;

/**
 * The calendar day of an instant in a time zone, as `YYYY-MM-DD`.
 *
 * @example dayKey(new Date("2026-11-24T23:30:00Z"), "Europe/Berlin") // "2026-11-25"
 */
export function dayKey(at: Date, timeZone: string): string {
  // Every zone's offset is a multiple of 15 minutes and changes only on such
  // a boundary, so every instant in one quarter hour has the same day. The
  // bars and /history ask for the day of every update of 90 days' incidents,
  // many in the same quarter hours: Intl's formatting was 7% of a render of /.
  const quarter = Math.floor(at.getTime() / quarterMs);
  const key = `${quarter}|${timeZone}`;
  const known = dayKeys.get(key);
  if (known !== undefined) return known;
  const day = dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  if (dayKeys.size >= maxDayKeys) dayKeys.clear();
  dayKeys.set(key, day);
  return day;
}

/**
 * Calendar arithmetic on `YYYY-MM-DD` keys: no time zone is involved once the day is known.
 *
 * @example addDays("2026-11-30", 1) // "2026-12-01"
 */
export function addDays(key: string, days: number): string {
  return new Date(Date.parse(`${key}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/**
 * The last `count` days up to and including today in the page's zone, oldest first.
 *
 * @example recentDays(new Date("2026-11-23T12:00:00Z"), "UTC", 2) // ["2026-11-22", "2026-11-23"]
 */
export function recentDays(now: Date, timeZone: string, count: number): string[] {
  const today = dayKey(now, timeZone);
  return Array.from({ length: count }, (_, i) => addDays(today, i - count + 1));
}
