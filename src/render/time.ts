/**
 * Formats an instant for customers in the page's time zone, with the zone's
 * short name, so "by 14:30 UTC" is never ambiguous.
 *
 * @example formatTime(new Date("2026-11-23T14:30:00Z"), "UTC") // "14:30 UTC"
 */
export function formatTime(at: Date, timeZone: string, withDate = false): string {
  const parts = timeFormat(timeZone, withDate).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const clock = `${get("hour")}:${get("minute")} ${get("timeZoneName")}`;
  return withDate ? `${get("day")} ${get("month")} ${get("year")}, ${clock}` : clock;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone and shape: making one costs more than formatting with it, and a page formats hundreds of times. */
function timeFormat(timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${withDate ? "d" : "t"}${timeZone}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
      ...(withDate ? { day: "numeric", month: "short", year: "numeric" } : {}),
    });
    timeFormats.set(key, format);
  }
  return format;
}
