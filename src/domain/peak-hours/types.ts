/**
 * Peak hours: when customers most need the service, so maintenance should not
 * take it down unless it must. Pure rules over wall-clock times in IANA zones
 * (through Intl); time is always passed in.
 */

/** One rule, such as "Mon-Fri 08:00-20:00 Europe/London". */
export type PeakRule = {
  /** The rule as written, with single spaces: shown in messages. */
  text: string;
  /** Days of the week it applies on: 0 Sunday to 6 Saturday, ascending, no repeats. */
  days: readonly number[];
  /** Local wall-clock minutes since midnight: start in 0..1439, end in start+1..1440 (1440 is 24:00). */
  startMinute: number;
  endMinute: number;
  /** The IANA zone the times are in (e.g. "Europe/London"). */
  timeZone: string;
};

/** Several rules; a moment is peak when any rule covers it. */
export type PeakHours = {
  /** The rules as written, joined with "; ". */
  text: string;
  rules: readonly PeakRule[];
};

/** A stretch of a window that falls in peak hours, and the rule (or rules, joined with "; ") it falls under. */
export type PeakOverlap = { start: Date; end: Date; rule: string; timeZone: string };

/** A bad PEAK_HOURS value, or no off-peak slot to offer: the message says what and where. */
export class PeakHoursError extends Error {
  override name = "PeakHoursError";
}

export const minuteMs = 60_000;
export const dayMs = 86_400_000;
