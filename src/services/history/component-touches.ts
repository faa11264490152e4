import { and, desc, eq, gte, isNull, lte, or } from "drizzle-orm";
import type { IncidentSummary } from "../../db/models.ts";
import { incidentComponents, incidents } from "../../db/schema/index.ts";
import { recentDays } from "../../lib/days.ts";
import type { ComponentHistory, ComponentTouch } from "../../render/views/component-days.ts";
import type { ServiceContext } from "../context.ts";

const dayMs = 86_400_000;
/** Incidents that started this long before the window and still touch it are found by the indexed range too. */
const lookbackMs = 31 * dayMs;
/** A ceiling on the rows one page render reads, whatever happened in 90 days. */
const maxHistoryRows = 5_000;

/**
 * The last `days` days (in the page's time zone) and every incident touching
 * a component in them, for the 90-day bars (render/views/component-days
 * buckets them per day). One indexed range read on `incidents.started_at`,
 * bounded in rows; open incidents come from the caller, who has them already,
 * so one that started before the range still shows.
 *
 * @example await componentTouches(ctx, { now, days: 90, open })
 */
export async function componentTouches(
  ctx: ServiceContext,
  { now, days: count, open = [] }: { now: Date; days: number; open?: IncidentSummary[] },
): Promise<ComponentHistory> {
  const days = recentDays(now, ctx.config.pageTimezone, count);
  // A day in any zone lies within 14 hours of UTC's: one extra day on each side covers it.
  const windowStart = new Date(Date.parse(`${days[0]}T00:00:00Z`) - dayMs);
  const touches: ComponentTouch[] = await ctx.db
    .select({
      componentId: incidentComponents.componentId,
      id: incidents.id,
      title: incidents.title,
      impact: incidents.impact,
      startedAt: incidents.startedAt,
      resolvedAt: incidents.resolvedAt,
    })
    .from(incidents)
    .innerJoin(incidentComponents, eq(incidentComponents.incidentId, incidents.id))
    .where(
      and(
        // Incidents only: planned maintenance is not an outage and does not colour the bars.
        eq(incidents.kind, "incident"),
        gte(incidents.startedAt, new Date(windowStart.getTime() - lookbackMs)),
        lte(incidents.startedAt, now),
        or(isNull(incidents.resolvedAt), gte(incidents.resolvedAt, windowStart)),
      ),
    )
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(maxHistoryRows);
  const seen = new Set(touches.map((r) => `${r.id} ${r.componentId}`));
  for (const i of open) {
    for (const c of i.components) {
      if (!seen.has(`${i.id} ${c.id}`)) touches.push({ ...i, componentId: c.id });
    }
  }
  return { days, touches };
}
