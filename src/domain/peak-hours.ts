import { describeDuration } from "./promises.ts";

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

const minuteMs = 60_000;
const dayMs = 86_400_000;
const quarterMs = 15 * minuteMs;
/** How far nearestOffPeakSlot looks on each side of the requested start. */
export const offPeakSearchMs = 14 * dayMs;

const dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const quote = (text: string) => JSON.stringify(text);
const example = '"Mon-Fri 08:00-20:00 Europe/London"';

/**
 * Parses peak hours: rules separated by ";", each "DAYS HH:MM-HH:MM ZONE".
 * DAYS is a comma list of days or day ranges (Mon,Wed,Fri or Sat-Sun; Fri-Mon
 * wraps over the weekend); the end time must be after the start (24:00 allowed);
 * ZONE is any time zone Intl knows. Throws a PeakHoursError saying what is
 * wrong and where.
 *
 * @example parsePeakHours("Mon-Fri 08:00-20:00 Europe/London; Sat 10:00-14:00 Europe/London").rules.length // 2
 * @example parsePeakHours("Mon-Fry 08:00-20:00 Europe/London") // throws '"Mon-Fry": unknown day "Fry"'
 */
export function parsePeakHours(text: string): PeakHours {
  if (text.trim() === "") throw new PeakHoursError(`peak hours are empty; write rules such as ${example}`);
  const parts = text.split(";");
  const rules = parts.map((part, i) => {
    if (part.trim() === "") {
      throw new PeakHoursError(
        `rule ${i + 1} of ${parts.length} is empty (rules are separated by ";", e.g. ${example.slice(0, -1)}; Sat 10:00-14:00 Europe/London")`,
      );
    }
    return parseRule(part);
  });
  return { text: rules.map((r) => r.text).join("; "), rules };
}

function parseRule(part: string): PeakRule {
  const tokens = part.trim().split(/\s+/);
  const written = tokens.join(" ");
  if (tokens.length !== 3) {
    throw new PeakHoursError(
      `${quote(written)}: expected days, times and a time zone separated by spaces, such as ${example}`,
    );
  }
  const [daysText, timesText, zoneText] = tokens;
  const days = parseDays(daysText);
  const { startMinute, endMinute } = parseTimes(timesText);
  const timeZone = canonicalZone(zoneText);
  return { text: written, days, startMinute, endMinute, timeZone };
}

function parseDay(list: string, name: string): number {
  const index = dayNames.findIndex((d) => d.toLowerCase() === name.toLowerCase());
  if (index < 0) {
    throw new PeakHoursError(`${quote(list)}: ${name === "" ? "a day is missing" : `unknown day ${quote(name)}`}`);
  }
  return index;
}

function parseDays(list: string): number[] {
  const days = new Set<number>();
  for (const item of list.split(",")) {
    const ends = item.split("-");
    if (ends.length > 2) throw new PeakHoursError(`${quote(list)}: ${quote(item)} is not a day or a range of days`);
    const first = parseDay(list, ends[0]);
    const last = ends.length === 2 ? parseDay(list, ends[1]) : first;
    // A range runs forward through the week, wrapping: Fri-Mon is Fri, Sat, Sun, Mon.
    for (let d = first; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === last) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

function parseTime(range: string, time: string): number {
  const match = /^(\d\d):(\d\d)$/.exec(time);
  const hours = match ? Number(match[1]) : Number.NaN;
  const minutes = match ? Number(match[2]) : Number.NaN;
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
    throw new PeakHoursError(`${quote(range)}: ${quote(time)} is not a time (write HH:MM, from 00:00 to 24:00)`);
  }
  return hours * 60 + minutes;
}

function parseTimes(range: string): { startMinute: number; endMinute: number } {
  const ends = range.split("-");
  if (ends.length !== 2) {
    throw new PeakHoursError(`${quote(range)}: expected a time range such as 08:00-20:00`);
  }
  const startMinute = parseTime(range, ends[0]);
  const endMinute = parseTime(range, ends[1]);
  if (endMinute <= startMinute) {
    throw new PeakHoursError(
      `${quote(range)}: the end must be after the start (for a night, write two rules: one ending 24:00, one starting 00:00)`,
    );
  }
  return { startMinute, endMinute };
}

/** The zone as written, in Intl's capitals ("europe/london" is "Europe/London"); a link keeps its name (Asia/Kolkata). */
function canonicalZone(zone: string): string {
  try {
    const resolved = new Intl.DateTimeFormat("en-GB", { timeZone: zone }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  } catch {
    throw new PeakHoursError(`time zone ${quote(zone)} is unknown`);
  }
}

// --- Wall-clock arithmetic -------------------------------------------------

/** One Intl formatter per locale, zone and options: building them is slow, using them is not. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
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
function wallClock(zone: string, t: number): number {
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
function instantOf(zone: string, wall: number): number {
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

/** Peak intervals (ms, half-open) from every rule on local days around [from, to), merged and sorted. */
function peakIntervals(peak: PeakHours, from: number, to: number): { start: number; end: number; rules: string[] }[] {
  const raw: { start: number; end: number; rule: string }[] = [];
  for (const rule of peak.rules) {
    const firstDay = Math.floor(wallClock(rule.timeZone, from) / dayMs) - 1;
    const lastDay = Math.floor(wallClock(rule.timeZone, to) / dayMs) + 1;
    for (let day = firstDay; day <= lastDay; day++) {
      if (!rule.days.includes(new Date(day * dayMs).getUTCDay())) continue;
      const start = instantOf(rule.timeZone, day * dayMs + rule.startMinute * minuteMs);
      const end = instantOf(rule.timeZone, day * dayMs + rule.endMinute * minuteMs);
      if (end > start && end > from && start < to) raw.push({ start, end, rule: rule.text });
    }
  }
  raw.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number; rules: string[] }[] = [];
  for (const r of raw) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) {
      last.end = Math.max(last.end, r.end);
      if (!last.rules.includes(r.rule)) last.rules.push(r.rule);
    } else {
      merged.push({ start: r.start, end: r.end, rules: [r.rule] });
    }
  }
  return merged;
}

function instant(name: string, d: Date): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new PeakHoursError(`${name} is not a valid date`);
  return t;
}

/**
 * The first stretch of the window [start, end) that falls in peak hours, or
 * null when the window is wholly off-peak. Adjoining peak stretches (Mon 20:00-24:00
 * and Tue 00:00-08:00) count as one; `rule` names the rule(s) behind it and
 * `timeZone` the first one's zone. A window ending exactly when peak hours
 * start does not overlap them.
 *
 * @example peakOverlap(parsePeakHours("Mon-Fri 08:00-20:00 Europe/London"), new Date("2026-11-24T07:00:00Z"), new Date("2026-11-24T09:30:00Z"))
 * // { start: 2026-11-24T08:00:00Z, end: 2026-11-24T09:30:00Z, rule: "Mon-Fri 08:00-20:00 Europe/London", timeZone: "Europe/London" }
 */
export function peakOverlap(peak: PeakHours, start: Date, end: Date): PeakOverlap | null {
  const from = instant("start", start);
  const to = instant("end", end);
  if (to <= from) return null;
  const first = peakIntervals(peak, from, to)[0];
  if (!first) return null;
  const zoneOf = peak.rules.find((r) => r.text === first.rules[0])?.timeZone ?? "UTC";
  return {
    start: new Date(Math.max(first.start, from)),
    end: new Date(Math.min(first.end, to)),
    rule: first.rules.join("; "),
    timeZone: zoneOf,
  };
}

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
