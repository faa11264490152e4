import { recordLineText } from "../text/record-line.ts";
import { type RecordData, recordTotals } from "../views/record.ts";
import type { TimeFormat } from "./time.ts";

/** The record as the v2 JSON gives it: a field of Candor's own, which Statuspage clients ignore. */
export type StatuspageRecord = {
  days: number;
  since: string;
  incidents: number;
  updates_due: number;
  updates_on_time: number;
  etas_due: number;
  etas_met: number;
  text: string;
  url: string;
};

/**
 * The last 90 days' record for summary.json and status.json (PAGE_SHOW_RECORD=on):
 * promises that came due and how many were kept, the line / shows, and /record.
 *
 * @example statuspageRecord(record, "https://status.example.com", time).etas_met // 7
 */
export function statuspageRecord(record: RecordData, publicUrl: string, time: TimeFormat): StatuspageRecord {
  const totals = recordTotals(record.counts);
  return {
    days: record.days,
    since: time(record.since),
    incidents: totals.incidents,
    updates_due: totals.updates.settled,
    updates_on_time: totals.updates.onTime,
    etas_due: totals.etas.given,
    etas_met: totals.etas.met,
    text: recordLineText(totals, record.days),
    url: `${publicUrl}/record`,
  };
}
