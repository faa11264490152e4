import { impacts } from "../../domain/components.ts";
import { type ComponentHistory, componentDays } from "./component-days.ts";
import { impactViews, statusView } from "./status.ts";
import { dayLabel } from "./times.ts";

/** A component as the bars need it: who it is, its status now and its group. */
export type GridComponent = { id: string; slug: string; name: string; status: string; groupName: string | null };

/**
 * The 90-day bars on `/`: components in display order, grouped by their group
 * name, each with one cell per day coloured by that day's worst impact and
 * naming its incidents; plus the day labels the columns are ruled with.
 *
 * @example dayGrid(components, history, now, "UTC").groups[0].components[0].cells.at(-1) // { level: 3, label: "23 Nov 2026 (today): Major outage, 1 incident", incidents }
 */
export function dayGrid(components: GridComponent[], history: ComponentHistory, now: Date, tz: string) {
  const { days } = history;
  const byComponent = componentDays(history, now, tz);
  const labels = days.map((d, i) => dayLabel(d) + (i === days.length - 1 ? " (today)" : ""));
  const range = { from: dayLabel(days[0]), to: dayLabel(days[days.length - 1]) };

  const groups: { name: string | null; components: unknown[] }[] = [];
  for (const x of components) {
    const perDay = byComponent.get(x.id);
    const cells = days.map((day, i) => {
      const entry = perDay?.get(day);
      if (!entry) return {};
      const n = entry.incidents.length;
      return {
        level: impacts.indexOf(entry.worst),
        label: `${labels[i]}: ${impactViews[entry.worst].label}, ${n} incident${n === 1 ? "" : "s"}`,
        incidents: entry.incidents.map(({ id, title }) => ({ id, title })),
      };
    });
    const view = { slug: x.slug, name: x.name, ...statusView(x.status), cells };
    const last = groups.at(-1);
    if (last && last.name === x.groupName) last.components.push(view);
    else groups.push({ name: x.groupName, components: [view] });
  }
  return { groups, dayRules: labels.map((label, i) => ({ n: i + 2, label })), range };
}
