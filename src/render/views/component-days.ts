import { type Impact, maxImpact } from "../../domain/components.ts";
import { dayKey } from "../../lib/days.ts";

/** One incident touching one component, as the history read finds it. */
export type ComponentTouch = {
  componentId: string;
  id: string;
  title: string;
  impact: string;
  startedAt: Date;
  resolvedAt: Date | null;
};

/** What the 90-day bars are drawn from: the days shown and every incident touching a component in them. */
export type ComponentHistory = {
  /** `YYYY-MM-DD`, oldest first. */
  days: string[];
  touches: ComponentTouch[];
};

export type DayIncident = { id: string; title: string; impact: Impact };
/** One component's day: the worst impact among the incidents touching it that day, and those incidents. */
export type ComponentDay = { worst: Impact; incidents: DayIncident[] };

/**
 * Per component and per day (in the page's time zone): the incidents
 * touching the component on that day and the worst of their impacts. An
 * incident touches every day from its start to its resolution (or now).
 * Days without incidents are absent.
 *
 * @example componentDays({ days, touches }, now, "UTC").get(componentId)?.get("2026-11-20")?.worst // "critical"
 */
export function componentDays(
  { days, touches }: ComponentHistory,
  now: Date,
  tz: string,
): Map<string, Map<string, ComponentDay>> {
  const first = days[0];
  const last = days[days.length - 1];
  const byComponent = new Map<string, Map<string, ComponentDay>>();
  // Oldest first, so each day lists its incidents in the order they began.
  const rows = [...touches].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : 1));
  // Days are consecutive: walk the list rather than do date arithmetic for each incident's every day.
  const index = new Map(days.map((d, i) => [d, i]));
  for (const r of rows) {
    let day = dayKey(r.startedAt, tz);
    const end = dayKey(r.resolvedAt ?? now, tz);
    if (day < first) day = first;
    const perDay = byComponent.get(r.componentId) ?? new Map<string, ComponentDay>();
    byComponent.set(r.componentId, perDay);
    if (day > last) continue;
    for (let i = index.get(day) ?? days.length; i < days.length && days[i] <= end; i++) {
      day = days[i];
      const impact = r.impact as Impact;
      const entry = perDay.get(day);
      if (!entry) perDay.set(day, { worst: impact, incidents: [{ id: r.id, title: r.title, impact }] });
      else {
        entry.worst = maxImpact(entry.worst, impact);
        entry.incidents.push({ id: r.id, title: r.title, impact });
      }
    }
  }
  return byComponent;
}
