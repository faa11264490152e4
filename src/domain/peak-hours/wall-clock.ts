import { dayMs } from "./types.ts";

/**
 * Wall-clock arithmetic: converting between instants and local times in an
 * IANA zone through Intl, summer-time changes included.
 */

/** One Intl formatter per locale, zone and options: building them is slow, using them is not. */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function formatter(locale: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

const wallClockParts: Intl.DateTimeFormatOptions = {
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
};

/** The local wall clock at `t`, read as if it were UTC (ms since the epoch). */
export function wallClock(zone: string, t: number): number {
  const parts = formatter("en-US", zone, wallClockParts).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  // Date.UTC maps years 0-99 to 1900-1999, so the date is set apart.
  const time = new Date(Date.UTC(2000, 0, 1, get("hour"), get("minute"), get("second")));
  return time.setUTCFullYear(get("year"), get("month") - 1, get("day"));
}

/** How far the zone's wall clock is ahead of UTC at `t`, in ms. */
function offsetAt(zone: string, t: number): number {
  return wallClock(zone, t) - Math.floor(t / 1000) * 1000;
}

/**
 * The instant a local wall-clock time (as ms, read as UTC) happens in the zone.
 * A time skipped by a spring-forward change moves forward to the first time
 * that exists, the moment the clocks change (01:30 in London on 29 March 2026
 * is 02:00 BST), so a rule covers exactly the instants whose wall clock is in
 * its range. A time repeated by a fall-back change counts at its first occurrence.
 */
export function instantOf(zone: string, wall: number): number {
  const before = offsetAt(zone, wall - 2 * dayMs);
  const after = offsetAt(zone, wall + 2 * dayMs);
  const valid = [before, after].map((o) => wall - o).filter((t) => offsetAt(zone, t) === wall - t);
  if (valid.length > 0) return Math.min(...valid);
  // In the gap: the change happens between wall - after (old offset) and wall - before (new offset).
  let lo = Math.floor((wall - after) / 1000);
  let hi = Math.ceil((wall - before) / 1000);
  const oldOffset = offsetAt(zone, lo * 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(zone, mid * 1000) === oldOffset) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}
