import { and, asc, desc, eq, gte, inArray, isNull, lte, or } from "drizzle-orm";
import type { EtaRevision, Incident, IncidentSummary } from "../db/models.ts";
import { etaRevisions, incidentComponents, incidents } from "../db/schema/index.ts";
import { type Impact, maxImpact } from "../domain/components.ts";
import type { ServiceContext } from "./context.ts";

const dayMs = 86_400_000;
/** Incidents that started this long before the window and still touch it are found by the indexed range too. */
const lookbackMs = 31 * dayMs;
/** A ceiling on the rows one page render reads, whatever happened in 90 days. */
const maxHistoryRows = 5_000;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day of an instant in a time zone, as `YYYY-MM-DD`.
 *
 * @example dayKey(new Date("2026-11-24T23:30:00Z"), "Europe/Berlin") // "2026-11-25"
 */
export function dayKey(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** Calendar arithmetic on `YYYY-MM-DD` keys: no time zone is involved once the day is known. */
export function addDays(key: string, days: number): string {
  return new Date(Date.parse(`${key}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** The last `count` days up to and including today in the page's zone, oldest first. */
export function recentDays(now: Date, timeZone: string, count: number): string[] {
  const today = dayKey(now, timeZone);
  return Array.from({ length: count }, (_, i) => addDays(today, i - count + 1));
}

export type DayIncident = { id: string; title: string; impact: Impact };
/** One component's day: the worst impact among the incidents touching it that day, and those incidents. */
export type ComponentDay = { worst: Impact; incidents: DayIncident[] };
export type ComponentHistory = {
  /** `YYYY-MM-DD`, oldest first. */
  days: string[];
  /** component id → day → what happened; days without incidents are absent. */
  byComponent: Map<string, Map<string, ComponentDay>>;
};

type Touch = {
  componentId: string;
  id: string;
  title: string;
  impact: string;
  startedAt: Date;
  resolvedAt: Date | null;
};

/**
 * Per component and per day (in the page's time zone) over the last `days`
 * days: the incidents touching the component on that day and the worst of
 * their impacts. An incident touches every day from its start to its
 * resolution (or now). One indexed range read on `incidents.started_at`,
 * bounded in rows; open incidents come from the caller, who has them already,
 * so one that started before the range still shows.
 */
export async function componentHistory({
  ctx,
  now,
  days: count,
  open = [],
}: {
  ctx: ServiceContext;
  now: Date;
  days: number;
  open?: IncidentSummary[];
}): Promise<ComponentHistory> {
  const tz = ctx.config.pageTimezone;
  const days = recentDays(now, tz, count);
  // A day in any zone lies within 14 hours of UTC's: one extra day on each side covers it.
  const windowStart = new Date(Date.parse(`${days[0]}T00:00:00Z`) - dayMs);
  const rows: Touch[] = await ctx.db
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
  const seen = new Set(rows.map((r) => `${r.id} ${r.componentId}`));
  for (const i of open) {
    for (const c of i.components) {
      if (!seen.has(`${i.id} ${c.id}`)) rows.push({ ...i, componentId: c.id });
    }
  }

  const first = days[0];
  const last = days[days.length - 1];
  const byComponent = new Map<string, Map<string, ComponentDay>>();
  // Oldest first, so each day lists its incidents in the order they began.
  rows.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : 1));
  for (const r of rows) {
    let day = dayKey(r.startedAt, tz);
    const end = dayKey(r.resolvedAt ?? now, tz);
    if (day < first) day = first;
    const perDay = byComponent.get(r.componentId) ?? new Map<string, ComponentDay>();
    byComponent.set(r.componentId, perDay);
    for (; day <= end && day <= last; day = addDays(day, 1)) {
      const impact = r.impact as Impact;
      const entry = perDay.get(day);
      if (!entry) perDay.set(day, { worst: impact, incidents: [{ id: r.id, title: r.title, impact }] });
      else {
        entry.worst = maxImpact(entry.worst, impact);
        entry.incidents.push({ id: r.id, title: r.title, impact });
      }
    }
  }
  return { days, byComponent };
}

/** The ETA ledgers of some incidents (the open ones on the front page), oldest estimate first. */
export async function etaLedgers(ctx: ServiceContext, incidentIds: string[]): Promise<Map<string, EtaRevision[]>> {
  const byIncident = new Map<string, EtaRevision[]>();
  if (!incidentIds.length) return byIncident;
  const rows = await ctx.db
    .select()
    .from(etaRevisions)
    .where(inArray(etaRevisions.incidentId, incidentIds))
    .orderBy(asc(etaRevisions.incidentId), asc(etaRevisions.promisedAt));
  for (const r of rows) byIncident.set(r.incidentId, [...(byIncident.get(r.incidentId) ?? []), r]);
  return byIncident;
}

export type HistoryPage = {
  /** Incidents and past maintenances (tell them apart by `kind`), newest start first. */
  incidents: Incident[];
  /** The last row of the page before, so a month that goes on from there can say so. */
  previous: Incident | null;
  hasMore: boolean;
};

/** Maintenance that is over belongs in history; open or upcoming work is on `/`. */
const pastMaintenanceStatuses = ["completed", "cancelled"];

/**
 * One page of history for /history, newest first: every incident, open or
 * resolved, and every maintenance that was completed or cancelled, in one
 * order by `started_at` (for a maintenance, when the work actually started,
 * or the planned start of one cancelled before it began), so pages never
 * overlap or skip whatever the mix. The offset walks the
 * `incidents_started_idx` index; callers cap the page number.
 */
export async function incidentHistoryPage({
  ctx,
  page,
  pageSize,
}: {
  ctx: ServiceContext;
  page: number;
  pageSize: number;
}): Promise<HistoryPage> {
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
