import type { Config } from "../../config.ts";
import type { EtaRevision, IncidentSummary } from "../../db/models.ts";
import { type ComponentStatus, type Impact, overallStatus } from "../../domain/components.ts";
import { recordLineText } from "../text/record-line.ts";
import { badgeEmbed } from "./badge-embed.ts";
import { chromeOf } from "./chrome.ts";
import type { ComponentHistory } from "./component-days.ts";
import { dayGrid, type GridComponent } from "./day-grid.ts";
import { incidentCard } from "./incident-card.ts";
import { maintenanceCard, working } from "./maintenance-card.ts";
import { type RecordData, recordTotals } from "./record.ts";
import { statusIcons } from "./status.ts";
import { timeView } from "./times.ts";

/** What `/` is made of, as the home page service reads it. */
export type HomeData = {
  components: GridComponent[];
  /** Open incidents, never maintenances. */
  incidents: IncidentSummary[];
  /** Open maintenances shown, under way first, then upcoming soonest first. */
  maintenances: IncidentSummary[];
  /** More open maintenances than are shown: the page says so. */
  moreMaintenances: boolean;
  ledgers: Map<string, EtaRevision[]>;
  history: ComponentHistory;
  /** The last 90 days' record (counts only), with PAGE_SHOW_RECORD=on; null when off. */
  record: RecordData | null;
};

/**
 * The data of `/`: the overall banner, open incidents and maintenances as
 * cards, and the components with their 90-day bars.
 *
 * @example render("pages/home", homeView(data, now, config))
 */
export function homeView(data: HomeData, now: Date, config: Config) {
  const tz = config.pageTimezone;
  const { components, incidents, maintenances, ledgers } = data;
  // Maintenance shows in the banner only through the components it holds once under way.
  const overall = overallStatus(
    components.map((x) => x.status as ComponentStatus),
    incidents.map((i) => i.impact as Impact),
  );
  const count = incidents.length;
  const underWay = maintenances.filter((m) => working(m.status)).length;
  const { groups, dayRules, range } = dayGrid(components, data.history, now, tz);
  const cards = maintenances.map((m) => maintenanceCard(m, ledgers.get(m.id) ?? [], now, tz));
  return {
    pageName: config.pageName,
    chrome: chromeOf(config, "home"),
    overall: {
      label: overall.label,
      cls: `s-${overall.status}`,
      icon: statusIcons[overall.status],
      detail: count ? `${count} active incident${count === 1 ? "" : "s"}` : "No active incidents",
      maintenance: underWay ? `${underWay} maintenance${underWay === 1 ? "" : "s"} in progress` : null,
      asOf: timeView(now, tz, now),
    },
    record: data.record ? { text: recordLineText(recordTotals(data.record.counts), data.record.days) } : null,
    incidents: incidents.map((i) => incidentCard(i, ledgers.get(i.id) ?? [], now, tz)),
    maintenances: cards,
    moreMaintenances: data.moreMaintenances,
    groups,
    dayRules,
    range,
    badge: badgeEmbed(config.pageName, config.publicUrl),
  };
}
