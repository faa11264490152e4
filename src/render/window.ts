import { formatTime } from "./time.ts";

/**
 * A window in customers' words: "2 Dec 2026, 02:00–04:00 UTC" within a day,
 * "2 Dec 2026, 22:00 UTC – 3 Dec 2026, 01:00 UTC" across days (or across a
 * change of the zone's name, such as the start of summer time).
 */
export function describeWindow(startsAt: Date, endsAt: Date, timeZone: string): string {
  const [day, startClock] = formatTime(startsAt, timeZone, true).split(", ");
  const [endDay, endClock] = formatTime(endsAt, timeZone, true).split(", ");
  const [startTime, startZone] = startClock.split(" ");
  const [endTime, endZone] = endClock.split(" ");
  if (day === endDay && startZone === endZone) return `${day}, ${startTime}–${endTime} ${endZone}`;
  return `${day}, ${startClock} – ${endDay}, ${endClock}`;
}
