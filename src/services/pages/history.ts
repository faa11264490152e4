import type { HistoryData } from "../../render/views/history-page.ts";
import type { ServiceContext } from "../context.ts";
import { incidentHistoryPage } from "../history/index.ts";

/** Rows on one page of /history. */
const historyPageSize = 25;

/**
 * One page of /history (1-based); an empty page past the end has no incidents.
 *
 * @example historyPageView(await loadHistoryPage(ctx, 2), 2, maxHistoryPage, now, ctx.config)
 */
export function loadHistoryPage(ctx: ServiceContext, page: number): Promise<HistoryData> {
  return incidentHistoryPage(ctx, { page, pageSize: historyPageSize });
}
