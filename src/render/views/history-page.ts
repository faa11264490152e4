import type { Config } from "../../config.ts";
import type { Incident } from "../../db/models.ts";
import { dayKey } from "../../lib/days.ts";
import { chromeOf } from "./chrome.ts";
import { historyRow, pastMaintenanceRow } from "./history-rows.ts";
import { monthLabel } from "./times.ts";

/** One page of /history as the history service reads it. */
export type HistoryData = {
  /** Incidents and past maintenances (tell them apart by `kind`), newest start first. */
  incidents: Incident[];
  /** The last row of the page before, so a month that goes on from there can say so. */
  previous: Incident | null;
  hasMore: boolean;
};

/**
 * The data of `/history?page=n`: rows grouped by the month they started in
 * (a month carried over from the page before says "(continued)"), and links
 * to the newer and older pages, none past `maxPage`.
 *
 * @example render("pages/history", historyPageView(found, 2, 9999, now, config))
 */
export function historyPageView(found: HistoryData, page: number, maxPage: number, now: Date, config: Config) {
  const tz = config.pageTimezone;
  const months: { key: string; label: string; incidents: unknown[] }[] = [];
  const previousMonth = found.previous ? dayKey(found.previous.startedAt, tz).slice(0, 7) : null;
  for (const i of found.incidents) {
    const key = dayKey(i.startedAt, tz).slice(0, 7);
    let month = months.at(-1);
    if (month?.key !== key) {
      const label = monthLabel(i.startedAt, tz) + (key === previousMonth ? " (continued)" : "");
      month = { key, label, incidents: [] };
      months.push(month);
    }
    month.incidents.push(i.kind === "maintenance" ? pastMaintenanceRow(i, tz) : historyRow(i, now, tz));
  }
  const pager =
    page > 1 || found.hasMore
      ? {
          newer: page > 1 ? (page === 2 ? "/history" : `/history?page=${page - 1}`) : null,
          older: found.hasMore && page < maxPage ? `/history?page=${page + 1}` : null,
        }
      : null;
  return { pageName: config.pageName, chrome: chromeOf(config, "history"), page, months, pager };
}
