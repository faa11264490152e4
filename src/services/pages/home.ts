import type { HomeData } from "../../render/views/home-page.ts";
import { listComponents } from "../components/index.ts";
import type { ServiceContext } from "../context.ts";
import { componentTouches, etaLedgers } from "../history/index.ts";
import { listIncidents } from "../incidents/index.ts";
import { listMaintenances } from "../maintenances/index.ts";
import { loadRecord } from "../record/index.ts";

/** How many days the bars on `/` cover. */
const historyDays = 90;
/**
 * Open maintenances shown on `/`, soonest first. Pages announce a handful at
 * most; past this many the rest are left to the JSON, and the page says so.
 */
const maxShownMaintenances = 20;

/**
 * Everything `/` shows, read in two rounds: components, open incidents and
 * maintenances first, then their ledgers, the 90-day bars' incidents and,
 * with PAGE_SHOW_RECORD=on, the record's counts.
 *
 * @example homeView(await loadHomePage(ctx, now), now, ctx.config)
 */
export async function loadHomePage(ctx: ServiceContext, now: Date): Promise<HomeData> {
  const [components, open, planned] = await Promise.all([
    listComponents(ctx),
    listIncidents(ctx, { state: "open", limit: 50 }),
    // Under way first (their windows began earlier), then upcoming, soonest first.
    listMaintenances(ctx, { state: "open", limit: maxShownMaintenances + 1 }),
  ]);
  const shown = planned.slice(0, maxShownMaintenances);
  const [ledgers, history, record] = await Promise.all([
    etaLedgers(
      ctx,
      [...open.incidents, ...shown].map((i) => i.id),
    ),
    componentTouches(ctx, { now, days: historyDays, open: open.incidents }),
    ctx.config.pageShowRecord ? loadRecord(ctx, now, { ledger: false }) : null,
  ]);
  return {
    components,
    incidents: open.incidents,
    maintenances: shown,
    moreMaintenances: planned.length > maxShownMaintenances,
    ledgers,
    history,
    record,
  };
}
