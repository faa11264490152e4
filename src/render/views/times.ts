import { dayKey } from "../../lib/days.ts";
import { formatTime } from "../time.ts";

/** An instant as a `<time>` element shows it: machine-readable, and in words in the page's zone. */
export type TimeView = { iso: string; text: string; withDate: boolean };

/**
 * An instant for a `<time>` element; the date is shown unless it falls on the
 * same day as `sameDayAs`, so a card says "14:30 UTC" for today and the date otherwise.
 *
 * @example timeView(at, "UTC", now) // { iso: "2026-11-23T14:30:00.000Z", text: "14:30 UTC", withDate: false }
 */
export function timeView(at: Date, tz: string, sameDayAs?: Date): TimeView {
  const withDate = !sameDayAs || dayKey(at, tz) !== dayKey(sameDayAs, tz);
  return { iso: at.toISOString(), text: formatTime(at, tz, withDate), withDate };
}

const dayLabels = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
});

/**
 * "24 Nov 2026" for a `YYYY-MM-DD` key (the key is already in the page's zone).
 *
 * @example dayLabel("2026-11-24") // "24 Nov 2026"
 */
export const dayLabel = (key: string) => dayLabels.format(new Date(`${key}T00:00:00Z`));

const monthLabels = new Map<string, Intl.DateTimeFormat>();

/**
 * The month an instant falls in, in the page's zone, as /history heads its groups.
 *
 * @example monthLabel(new Date("2026-11-24T12:00:00Z"), "UTC") // "November 2026"
 */
export function monthLabel(at: Date, tz: string): string {
  let format = monthLabels.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone: tz, month: "long", year: "numeric" });
    monthLabels.set(tz, format);
  }
  return format.format(at);
}
