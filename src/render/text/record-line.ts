import { render } from "../index.ts";
import { onTimePercent, type RecordTotals } from "../views/record.ts";

/**
 * The record in one plain sentence, for / and the v2 field.
 *
 * @example recordLineText(totals, 90)
 * // "In the last 90 days we posted 97% of promised updates on time and met 7 of 10 estimates of when service would be back."
 */
export function recordLineText(totals: RecordTotals, days: number): string {
  const percent = onTimePercent(totals.updates);
  const updates = percent === null ? null : `${percent}%`;
  const etas = totals.etas.given ? totals.etas : null;
  return render("text/record-line", {
    days,
    updates,
    etas,
    both: Boolean(updates && etas),
    none: !updates && !etas,
  }).trim();
}
