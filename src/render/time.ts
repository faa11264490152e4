import { dateTimeFormat } from "../lib/date-formats.ts";

/**
 * Formats an instant for customers in the page's time zone, with the zone's
 * short name, so "by 14:30 UTC" is never ambiguous.
 *
 * @example formatTime(new Date("2026-11-23T14:30:00Z"), "UTC") // "14:30 UTC"
 */
export function formatTime(at: Date, timeZone: string, withDate = false): string {
  const parts = dateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
    ...(withDate ? { day: "numeric", month: "short", year: "numeric" } : {}),
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const clock = `${get("hour")}:${get("minute")} ${get("timeZoneName")}`;
  return withDate ? `${get("day")} ${get("month")} ${get("year")}, ${clock}` : clock;
}
