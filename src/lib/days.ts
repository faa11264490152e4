// Calendar days as `YYYY-MM-DD` keys in the page's time zone: what the
// 90-day bars and /history's months are counted in.

const dayMs = 86_400_000;
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day of an instant in a time zone, as `YYYY-MM-DD`.
 *
 * @example dayKey(new Date("2026-11-24T23:30:00Z"), "Europe/Berlin") // "2026-11-25"
 */
export function dayKey(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
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
