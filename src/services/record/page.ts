import type { RecordData } from "../../render/views/record.ts";
import type { ServiceContext } from "../context.ts";
import { recordWindowDays, windowStart } from "./counted.ts";
import { recordCounts } from "./counts.ts";
import { recordLedger } from "./ledger.ts";

/**
 * The last 90 days' record as the public sees it: each incident's promise
 * counts, and with `ledger` every ETA given (for /record; the line on / and
 * the v2 field need the counts only).
 *
 * @example recordLine(recordTotals((await loadRecord(ctx, now, { ledger: false })).counts))
 */
export async function loadRecord(ctx: ServiceContext, now: Date, want: { ledger: boolean }): Promise<RecordData> {
  const since = windowStart(now, recordWindowDays);
  const [counts, ledger] = await Promise.all([
    recordCounts(ctx, since),
    want.ledger ? recordLedger(ctx, since) : Promise.resolve([]),
  ]);
  return { since, days: recordWindowDays, counts, ledger };
}
