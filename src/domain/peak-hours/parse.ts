import { type PeakHours, PeakHoursError, type PeakRule } from "./types.ts";

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
