import { minuteMs } from "./types.ts";
import { formatter } from "./wall-clock.ts";

const describeOptions: Intl.DateTimeFormatOptions = {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
};

function describeParts(zone: string, t: Date) {
  const f = formatter("en-GB", zone, describeOptions);
  const parts = f.formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    date: `${get("weekday")} ${get("day")} ${get("month")}`,
    time: `${get("hour")}:${get("minute")}`,
    zoneName: get("timeZoneName"),
  };
}

/**
 * Words for a window (an overlap or a slot) in a zone, for messages. A window
 * ending at local midnight ends at 24:00; one spanning days names both; a zone
 * name change (summer time) shows both names.
 *
 * @example describePeakWindow({ start: new Date("2026-11-24T08:00:00Z"), end: new Date("2026-11-24T09:30:00Z") }, "Europe/London")
 * // "Tue 24 Nov 08:00-09:30 Europe/London (GMT)"
 */
export function describePeakWindow(window: { start: Date; end: Date }, zone: string): string {
  const a = describeParts(zone, window.start);
  const b = describeParts(zone, window.end);
  const endsAtMidnight =
    b.time === "00:00" &&
    window.end.getTime() > window.start.getTime() &&
    describeParts(zone, new Date(window.end.getTime() - minuteMs)).date === a.date;
  const span =
    a.date === b.date || endsAtMidnight
      ? `${a.date} ${a.time}-${endsAtMidnight ? "24:00" : b.time}`
      : `${a.date} ${a.time} - ${b.date} ${b.time}`;
  const names = a.zoneName === b.zoneName ? a.zoneName : `${a.zoneName} to ${b.zoneName}`;
  return names === zone ? `${span} ${zone}` : `${span} ${zone} (${names})`;
}
