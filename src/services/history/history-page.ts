import { and, desc, eq, inArray, or } from "drizzle-orm";
import type { Incident } from "../../db/models.ts";
import { incidents } from "../../db/schema/index.ts";
import type { HistoryData } from "../../render/views/history-page.ts";
import type { ServiceContext } from "../context.ts";

/** Maintenance that is over belongs in history; open or upcoming work is on `/`. */
const pastMaintenanceStatuses = ["completed", "cancelled"];

/**
 * One page of history for /history, newest first: every incident, open or
 * resolved, and every maintenance that was completed or cancelled, in one
 * order by `started_at` (for a maintenance, when the work actually started,
 * or the planned start of one cancelled before it began), so pages never
 * overlap or skip whatever the mix. The offset walks the
 * `incidents_started_idx` index; callers cap the page number.
 *
 * @example await incidentHistoryPage(ctx, { page: 2, pageSize: 25 })
 */
export async function incidentHistoryPage(
  ctx: ServiceContext,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<HistoryData> {
  const start = (page - 1) * pageSize;
  const withPrevious = start > 0 ? 1 : 0;
  const rows = await ctx.db
    .select()
    .from(incidents)
    .where(
      or(
        eq(incidents.kind, "incident"),
        and(eq(incidents.kind, "maintenance"), inArray(incidents.status, pastMaintenanceStatuses)),
      ),
    )
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(pageSize + 1 + withPrevious)
    .offset(start - withPrevious);
  const previous = withPrevious && rows.length ? (rows.shift() as Incident) : null;
  return { incidents: rows.slice(0, pageSize), previous, hasMore: rows.length > pageSize };
}
