import type { Config } from "../../config.ts";
import { median } from "../../domain/eta-advice.ts";
import { dayKey } from "../../lib/days.ts";
import { recordLineText } from "../text/record-line.ts";
import { chromeOf } from "./chrome.ts";
import { shortDuration } from "./durations.ts";
import { ledgerRow } from "./ledger.ts";
import {
  type IncidentPromiseCounts,
  onTimePercent,
  type RecordData,
  type RecordLedgerRow,
  recordTotals,
} from "./record.ts";
import { dayLabel, monthLabel, timeView } from "./times.ts";

/** Every month the window touches, newest first, as `YYYY-MM` keys in the page's zone. */
function monthKeys(since: Date, now: Date, tz: string): string[] {
  const keys: string[] = [];
  let [year, month] = dayKey(since, tz).split("-").map(Number);
  const last = dayKey(now, tz).slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    keys.unshift(key);
    if (key >= last) return keys;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

/** One month's row: its incidents, promised updates on time, estimates met, and the median overrun of those missed. */
function monthRow(key: string, counts: IncidentPromiseCounts[], ledger: RecordLedgerRow[]) {
  const totals = recordTotals(counts);
  const percent = onTimePercent(totals.updates);
  const overrun = median(ledger.flatMap((r) => (r.outcome === "missed" ? [r.missedBySeconds ?? 0] : [])));
  return {
    key,
    label: monthLabel(new Date(`${key}-15T12:00:00Z`), "UTC"),
    incidents: counts.length,
    updates: percent === null ? "None due" : `${totals.updates.onTime} of ${totals.updates.settled} (${percent}%)`,
    etas: totals.etas.given ? `${totals.etas.met} of ${totals.etas.given}` : "None due",
    overrun: overrun === null ? "None missed" : shortDuration(overrun * 1000),
  };
}

/** When service was back: the incident's end, for every ETA it gave; "Not yet" while it is open. */
function backView(r: RecordLedgerRow, tz: string) {
  const { resolvedAt } = r.incident;
  return resolvedAt
    ? { back: timeView(resolvedAt, tz, r.eta ?? undefined), backText: null }
    : { back: null, backText: "Not yet" };
}

/**
 * The data of `/record`: the line, the figures month by month (by the month
 * an incident started, in the page's zone) and every ETA newest first, each
 * with its incident, the time promised, when service was back, and by how much
 * it was met or missed. Nothing in it names a person.
 *
 * @example render("pages/record", recordPageView(await loadRecord(ctx, now, { ledger: true }), now, config))
 */
export function recordPageView(data: RecordData, now: Date, config: Config) {
  const tz = config.pageTimezone;
  const monthOf = (at: Date) => dayKey(at, tz).slice(0, 7);
  const months = monthKeys(data.since, now, tz).map((key) =>
    monthRow(
      key,
      data.counts.filter((c) => monthOf(c.startedAt) === key),
      data.ledger.filter((r) => monthOf(r.incident.startedAt) === key),
    ),
  );
  return {
    pageName: config.pageName,
    chrome: chromeOf(config, "record"),
    days: data.days,
    from: dayLabel(dayKey(data.since, tz)),
    line: recordLineText(recordTotals(data.counts), data.days),
    months,
    ledger: data.ledger.map((r) => ({
      incident: { id: r.incident.id, title: r.incident.title },
      ...ledgerRow(r, now, tz),
      ...backView(r, tz),
    })),
  };
}
