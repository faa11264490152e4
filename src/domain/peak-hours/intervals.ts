import { dayMs, minuteMs, type PeakHours, PeakHoursError } from "./types.ts";
import { instantOf, wallClock } from "./wall-clock.ts";

/** Peak intervals (ms, half-open) from every rule on local days around [from, to), merged and sorted. */
export function peakIntervals(
  peak: PeakHours,
  from: number,
  to: number,
): { start: number; end: number; rules: string[] }[] {
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

/** The instant of a date, or a PeakHoursError naming the argument when it is not a valid date. */
export function instant(name: string, d: Date): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new PeakHoursError(`${name} is not a valid date`);
  return t;
}
