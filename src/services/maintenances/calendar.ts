import { and, asc, count, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { auditLog, incidents } from "../../db/schema/index.ts";
import type { CalendarMaintenance } from "../../render/calendar.ts";
import type { ServiceContext } from "../context.ts";
import { listIncidentSummaries } from "../incidents/summaries.ts";
import { withUpdates } from "../statuspage/with-updates.ts";
import { openStates } from "./states.ts";

/** How long a finished or cancelled maintenance stays in the calendar after its window (or its closing) ended. */
export const calendarRecentDays = 30;
/** A ceiling on the events in one calendar; real pages have a handful. */
const calendarLimit = 500;

/**
 * The maintenances the calendar carries, soonest window first: every open
 * one (scheduled, in progress, verifying), and those completed or cancelled
 * whose window or closing ended in the last 30 days, so that a subscribed
 * calendar sees the cancellation or the outcome. Each comes with its updates
 * and how many times its window moved: the audit log records every move
 * (`details.from`) in the transaction that makes it, and keeps every row.
 *
 * @example await listCalendarMaintenances(ctx) // [{ id: "mnt_…", reschedules: 1, updates: [...], … }]
 */
export async function listCalendarMaintenances(ctx: ServiceContext): Promise<CalendarMaintenance[]> {
  const since = new Date(ctx.clock().getTime() - calendarRecentDays * 86_400_000);
  const rows = await ctx.db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.kind, "maintenance"),
        or(
          inArray(incidents.status, openStates),
          sql`greatest(${incidents.resolvedAt}, ${incidents.scheduledUntil}) >= ${since.toISOString()}`,
        ),
      ),
    )
    .orderBy(asc(incidents.scheduledFor), asc(incidents.id))
    .limit(calendarLimit);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [loaded, moves] = await Promise.all([
    listIncidentSummaries(ctx, rows).then((found) => withUpdates(ctx, found)),
    ctx.db
      .select({ id: auditLog.targetId, n: count() })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.targetType, "maintenance"),
          inArray(auditLog.targetId, ids),
          inArray(auditLog.action, ["maintenance.reschedule", "maintenance.edit"]),
          isNotNull(sql`${auditLog.details}->'from'`),
        ),
      )
      .groupBy(auditLog.targetId),
  ]);
  const byId = new Map(moves.map((m) => [m.id, Number(m.n)]));
  return loaded.map((m) => ({ ...m, reschedules: byId.get(m.id) ?? 0 }));
}
