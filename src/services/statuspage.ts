import { and, asc, eq, inArray, isNull, max } from "drizzle-orm";
import type { AffectedComponent, IncidentSummary, IncidentUpdate } from "../db/models.ts";
import { components as componentsTable, incidents, incidentUpdates } from "../db/schema/index.ts";
import {
  type ComponentStatus,
  type Impact,
  impactFromStatus,
  overallStatus,
  worstStatus,
} from "../domain/components.ts";
import { sha256Hex } from "../lib/crypto.ts";
import { type Component, listComponents } from "./components/index.ts";
import type { ServiceContext } from "./context.ts";
import { listIncidents } from "./incidents/index.ts";
import { listMaintenances } from "./maintenances/index.ts";

// Statuspage's v2 shapes, shared by the public JSON API (/api/v2/*.json) and
// the webhook payloads, so both read the same to clients written for Statuspage.

/** Statuspage's page indicator; "maintenance" when maintenance is the worst thing going on. */
export type Indicator = "none" | "minor" | "major" | "critical" | "maintenance";

/** Statuspage's wording for each page indicator. */
export const indicatorDescriptions: Record<Indicator, string> = {
  none: "All Systems Operational",
  minor: "Minor Service Outage",
  major: "Partial System Outage",
  critical: "Major System Outage",
  maintenance: "Service Under Maintenance",
};

/** Formats an instant for a payload: Statuspage's API uses the page's own offset, webhooks use UTC. */
export type TimeFormat = (at: Date) => string;

/** The page id in payloads: PUBLIC_URL's host, stable for the life of the page. */
export function pageIdOf(publicUrl: string): string {
  return new URL(publicUrl).host;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as Statuspage writes it: ISO 8601 with milliseconds and the
 * numeric offset of the page's time zone, never "Z".
 *
 * @example statuspageTime(new Date("2026-11-24T14:22:39.441Z"), "America/New_York") // "2026-11-24T09:22:39.441-05:00"
 */
export function statuspageTime(at: Date, timeZone: string): string {
  let wallClock = wallClocks.get(timeZone);
  if (!wallClock) {
    wallClock = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    wallClocks.set(timeZone, wallClock);
  }
  const part: Record<string, string> = {};
  for (const p of wallClock.formatToParts(at)) part[p.type] = p.value;
  const ms = ((at.getTime() % 1000) + 1000) % 1000;
  const wall = Date.UTC(+part.year, +part.month - 1, +part.day, +part.hour, +part.minute, +part.second, ms);
  const offsetMinutes = Math.round((wall - at.getTime()) / 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(+part.year, 4)}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}.${pad(ms, 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/**
 * The page indicator as Statuspage derives it: the worst of component
 * statuses and open incidents' impacts; maintenance only when nothing is worse.
 */
export function pageStatus(
  componentStatuses: ComponentStatus[],
  openIncidentImpacts: Impact[],
): { indicator: Indicator; description: string } {
  const { status } = overallStatus(componentStatuses, openIncidentImpacts);
  const indicator: Indicator = status === "under_maintenance" ? "maintenance" : impactFromStatus(status);
  return { indicator, description: indicatorDescriptions[indicator] };
}

// Incidents and their updates

export type StatuspageAffectedComponent = { code: string; name: string; old_status: string; new_status: string };

/** One incident update in Statuspage's shape. */
export type StatuspageIncidentUpdate = {
  id: string;
  status: string;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  /** What this update changed, or null when it changed no component. */
  affected_components: StatuspageAffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: string | null;
  /** The X post that carried this update, once published. */
  tweet_id: string | null;
};

/** An incident in Statuspage's shape, generic over how its updates and components are told. */
export type StatuspageIncident<U = StatuspageIncidentUpdate, C = StatuspageComponent> = {
  id: string;
  name: string;
  status: string;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: string;
  shortlink: string;
  started_at: string;
  page_id: string;
  /** Newest first. */
  incident_updates: U[];
  components: C[];
};

type IncidentHistoryInput = { components: AffectedComponent[]; updates: IncidentUpdate[] };

/** An update with the component changes it made, each with the status it replaced. */
export type ReplayedUpdate = { update: IncidentUpdate; affected: StatuspageAffectedComponent[] | null };

/**
 * Replays an incident's updates oldest first, up to `upToSeq`: what each one
 * changed (old and new status), when it first went to monitoring, and where
 * each component (by slug) stood after the last one.
 */
export function replayIncident(
  incident: IncidentHistoryInput,
  upToSeq = Number.POSITIVE_INFINITY,
): { updates: ReplayedUpdate[]; monitoringAt: Date | null; statusOf: Map<string, string> } {
  const bySlug = new Map(incident.components.map((c) => [c.slug, c]));
  const included = incident.updates.filter((u) => u.seq <= upToSeq).sort((a, b) => a.seq - b.seq);
  const statusOf = new Map<string, string>();
  const updates: ReplayedUpdate[] = [];
  let monitoringAt: Date | null = null;
  for (const u of included) {
    const affected = Object.entries(u.componentChanges ?? {}).map(([slug, next]) => {
      const entry = {
        code: bySlug.get(slug)?.id ?? slug,
        name: bySlug.get(slug)?.name ?? slug,
        old_status: statusOf.get(slug) ?? "operational",
        new_status: next,
      };
      statusOf.set(slug, next);
      return entry;
    });
    if (u.status === "monitoring" && !monitoringAt) monitoringAt = u.createdAt;
    updates.push({ update: u, affected: affected.length ? affected : null });
  }
  return { updates, monitoringAt, statusOf };
}

/** One replayed update in Statuspage's shape; `body` defaults to the update's message with the promise it carried. */
export function statuspageIncidentUpdate(
  { update: u, affected }: ReplayedUpdate,
  time: TimeFormat,
  body: string = u.promise ? `${u.body} ${u.promise}` : u.body,
): StatuspageIncidentUpdate {
  const at = time(u.createdAt);
  return {
    id: u.id,
    status: u.status,
    body,
    incident_id: u.incidentId,
    created_at: at,
    updated_at: at,
    display_at: at,
    affected_components: affected,
    deliver_notifications: u.notify.email || u.notify.webhook || u.notify.twitter,
    custom_tweet: u.tweet,
    tweet_id: u.tweetId,
  };
}

/** The incident-level fields, told as of some moment (now for the API, the update's time for webhooks). */
export function statuspageIncident<U, C>(
  facts: {
    id: string;
    title: string;
    /** When it was made public, if not when it started (a maintenance is announced ahead). */
    createdAt?: Date;
    startedAt: Date;
    status: string;
    impact: string;
    updatedAt: Date;
    monitoringAt: Date | null;
    resolvedAt: Date | null;
    shortlink: string;
    pageId: string;
  },
  time: TimeFormat,
  incidentUpdates: U[],
  components: C[],
): StatuspageIncident<U, C> {
  return {
    id: facts.id,
    name: facts.title,
    status: facts.status,
    created_at: time(facts.createdAt ?? facts.startedAt),
    updated_at: time(facts.updatedAt),
    monitoring_at: facts.monitoringAt ? time(facts.monitoringAt) : null,
    resolved_at: facts.resolvedAt ? time(facts.resolvedAt) : null,
    impact: facts.impact,
    shortlink: facts.shortlink,
    started_at: time(facts.startedAt),
    page_id: facts.pageId,
    incident_updates: incidentUpdates,
    components,
  };
}

// Components

/** A component in Statuspage's shape; groups carry the ids of their `components`. */
export type StatuspageComponent = {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  components?: string[];
};

/** A stable id for the group Candor names only by its group name (Statuspage groups are components). */
export async function groupIdOf(groupName: string): Promise<string> {
  return `grp_${(await sha256Hex(`component-group:${groupName}`)).slice(0, 16)}`;
}

/**
 * Live components in display order, with one synthesised group component
 * before the members of each group name, as Statuspage lists them.
 */
export async function statuspageComponents(
  rows: Component[],
  pageId: string,
  time: TimeFormat,
): Promise<StatuspageComponent[]> {
  const shape = (c: Component, groupId: string | null): StatuspageComponent => ({
    id: c.id,
    name: c.name,
    status: c.status as ComponentStatus,
    created_at: time(c.createdAt),
    updated_at: time(c.updatedAt),
    position: c.position,
    description: c.description,
    showcase: false,
    start_date: null,
    group_id: groupId,
    page_id: pageId,
    group: false,
    only_show_if_degraded: false,
  });
  const members = new Map<string, Component[]>();
  for (const c of rows) if (c.groupName !== null) members.set(c.groupName, [...(members.get(c.groupName) ?? []), c]);
  const groupIds = new Map<string, string>();
  for (const name of members.keys()) groupIds.set(name, await groupIdOf(name));

  const out: StatuspageComponent[] = [];
  for (const c of rows) {
    if (c.groupName === null) {
      out.push(shape(c, null));
      continue;
    }
    const groupId = groupIds.get(c.groupName) as string;
    const group = members.get(c.groupName) as Component[];
    if (group[0] === c) {
      const instant = (pick: (...values: number[]) => number, at: (m: Component) => Date) =>
        new Date(pick(...group.map((m) => at(m).getTime())));
      out.push({
        id: groupId,
        name: c.groupName,
        status: worstStatus(group.map((m) => m.status as ComponentStatus)),
        created_at: time(instant(Math.min, (m) => m.createdAt)),
        updated_at: time(instant(Math.max, (m) => m.updatedAt)),
        position: Math.min(...group.map((m) => m.position)),
        description: null,
        showcase: false,
        start_date: null,
        group_id: null,
        page_id: pageId,
        group: true,
        only_show_if_degraded: false,
        components: group.map((m) => m.id),
      });
    }
    out.push(shape(c, groupId));
  }
  return out;
}

// Scheduled maintenances

/** Statuspage's maintenance statuses; Candor's "cancelled" has none (see statuspageMaintenanceStatus). */
export type StatuspageMaintenanceStatus = "scheduled" | "in_progress" | "verifying" | "completed";

/** A scheduled maintenance in Statuspage's shape: an incident with a window and maintenance statuses. */
export type StatuspageScheduledMaintenance = Omit<StatuspageIncident, "status"> & {
  status: StatuspageMaintenanceStatus;
  scheduled_for: string;
  scheduled_until: string;
};

/**
 * A maintenance status (of the maintenance or of one of its updates) as
 * Statuspage can say it. Statuspage has no "cancelled": its clients know only
 * scheduled, in_progress, verifying and completed, so a cancelled maintenance
 * is told as "completed", and its last update (kind "cancelled", body "This
 * maintenance has been cancelled. The work planned for ... will not take
 * place") says what really happened. Clients that read only the status see a
 * maintenance that is over, which is true: nothing more will happen.
 */
export function statuspageMaintenanceStatus(status: string): StatuspageMaintenanceStatus {
  switch (status) {
    case "scheduled":
    case "in_progress":
    case "verifying":
      return status;
    default:
      return "completed";
  }
}

/** The impact Statuspage gives every maintenance, whatever it is stored as. */
export const maintenanceImpact = "maintenance";

/** How many maintenances scheduled-maintenances.json lists (the most recent), as Statuspage does. */
const recentMaintenanceLimit = 50;
/** A ceiling on upcoming or active maintenances read at once; real pages have a handful. */
const openMaintenanceLimit = 500;

type ShapeOptions = {
  pageId: string;
  publicUrl: string;
  time: TimeFormat;
  componentsById: Map<string, StatuspageComponent>;
};

/**
 * Scheduled maintenances in Statuspage's shape: all of them (the 50 with the
 * latest windows, past ones included, latest first), the upcoming ones
 * (scheduled, soonest first) or the active ones (in progress or verifying).
 * A cancelled maintenance has no Statuspage status: it is listed in "all" as
 * "completed", with its cancellation update (see statuspageMaintenanceStatus).
 * `shape` is the page's facts (read once per document, shared with its incidents).
 */
async function listScheduledMaintenances({
  ctx,
  which,
  shape,
}: {
  ctx: ServiceContext;
  which: "all" | "upcoming" | "active";
  shape: ShapeOptions | Promise<ShapeOptions>;
}): Promise<StatuspageScheduledMaintenance[]> {
  const found = await listMaintenances(ctx, {
    state: which === "all" ? undefined : which,
    limit: which === "all" ? recentMaintenanceLimit : openMaintenanceLimit,
  });
  if (!found.length) return [];
  const [opts, loaded] = await Promise.all([shape, withUpdates(ctx, found)]);
  return loaded.map((m) => shapeMaintenance(m, opts));
}

/** A maintenance as it stands now: Statuspage's statuses, impact "maintenance", created when announced. */
function shapeMaintenance(m: IncidentWithUpdates, opts: ShapeOptions): StatuspageScheduledMaintenance {
  const { status: _status, ...incident } = shapeIncident(m, opts);
  return {
    ...incident,
    status: statuspageMaintenanceStatus(m.status),
    impact: maintenanceImpact,
    incident_updates: incident.incident_updates.map((u) => ({ ...u, status: statuspageMaintenanceStatus(u.status) })),
    scheduled_for: opts.time(m.scheduledFor ?? m.startedAt),
    scheduled_until: opts.time(m.scheduledUntil ?? m.startedAt),
  };
}

// The public v2 documents

export const statuspageEndpoints = [
  "summary",
  "status",
  "components",
  "incidents",
  "incidents/unresolved",
  "scheduled-maintenances",
  "scheduled-maintenances/upcoming",
  "scheduled-maintenances/active",
] as const;
export type StatuspageEndpoint = (typeof statuspageEndpoints)[number];

export type StatuspagePage = { id: string; name: string; url: string; time_zone: string; updated_at: string | null };

/** How many incidents incidents.json lists, as Statuspage does. */
const recentIncidentLimit = 50;

type IncidentWithUpdates = IncidentSummary & { updates: IncidentUpdate[] };

/** Open incidents (all of them) or the most recent ones, each with every update; never maintenances. */
async function loadIncidents(ctx: ServiceContext, which: "unresolved" | "recent"): Promise<IncidentWithUpdates[]> {
  const found: IncidentSummary[] = [];
  if (which === "recent") {
    found.push(...(await listIncidents(ctx, { limit: recentIncidentLimit })).incidents);
  } else {
    let cursor: string | undefined;
    do {
      const page = await listIncidents(ctx, { state: "open", limit: 100, cursor });
      found.push(...page.incidents);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return withUpdates(ctx, found);
}

/** Each incident or maintenance with every update, oldest first. */
async function withUpdates(ctx: ServiceContext, found: IncidentSummary[]): Promise<IncidentWithUpdates[]> {
  if (!found.length) return [];
  const updates = await ctx.db
    .select()
    .from(incidentUpdates)
    .where(
      inArray(
        incidentUpdates.incidentId,
        found.map((i) => i.id),
      ),
    )
    .orderBy(asc(incidentUpdates.seq));
  const byIncident = new Map<string, IncidentUpdate[]>();
  for (const u of updates) byIncident.set(u.incidentId, [...(byIncident.get(u.incidentId) ?? []), u]);
  return found.map((i) => ({ ...i, updates: byIncident.get(i.id) ?? [] }));
}

/** The latest change to any incident, update or component (deletions included), or null on an empty page. */
async function lastChange(ctx: ServiceContext): Promise<Date | null> {
  const [[a], [b], [c]] = await Promise.all([
    ctx.db.select({ at: max(incidents.updatedAt) }).from(incidents),
    ctx.db.select({ at: max(incidentUpdates.createdAt) }).from(incidentUpdates),
    ctx.db.select({ at: max(componentsTable.updatedAt) }).from(componentsTable),
  ]);
  const times = [a?.at, b?.at, c?.at].filter((t): t is Date => t instanceof Date).map((t) => t.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * The JSON document of one public v2 endpoint, with the envelope Statuspage
 * gives it (page first). A pure function of the database, config and clock.
 */
export async function statuspageDocument(
  ctx: ServiceContext,
  endpoint: StatuspageEndpoint,
): Promise<Record<string, unknown>> {
  const { publicUrl, pageName, pageTimezone } = ctx.config;
  const pageId = pageIdOf(publicUrl);
  const time: TimeFormat = (at) => statuspageTime(at, pageTimezone);

  const [updatedAt, rows] = await Promise.all([lastChange(ctx), listComponents(ctx)]);
  const page: StatuspagePage = {
    id: pageId,
    name: pageName,
    url: publicUrl,
    time_zone: pageTimezone,
    updated_at: updatedAt ? time(updatedAt) : null,
  };
  const components = () => statuspageComponents(rows, pageId, time);
  const shapeOf = async (): Promise<ShapeOptions> => {
    const shaped = await components();
    return { pageId, publicUrl, time, componentsById: new Map(shaped.map((c) => [c.id, c])) };
  };
  const incidentsOf = async (which: "unresolved" | "recent", shape?: ShapeOptions) => {
    const [opts, loaded] = await Promise.all([shape ?? shapeOf(), loadIncidents(ctx, which)]);
    return loaded.map((i) => shapeIncident(i, opts));
  };
  const maintenancesOf = async (which: "all" | "upcoming" | "active", shape?: ShapeOptions) =>
    listScheduledMaintenances({ ctx, which, shape: shape ?? shapeOf() });
  const status = (open: { impact: string }[]) =>
    pageStatus(
      rows.map((c) => c.status as ComponentStatus),
      open.map((i) => i.impact as Impact),
    );

  switch (endpoint) {
    case "summary": {
      const shape = await shapeOf();
      const [unresolved, upcoming, active] = await Promise.all([
        incidentsOf("unresolved", shape),
        maintenancesOf("upcoming", shape),
        maintenancesOf("active", shape),
      ]);
      return {
        page,
        components: [...shape.componentsById.values()],
        incidents: unresolved,
        scheduled_maintenances: [...active, ...upcoming],
        status: status(unresolved),
      };
    }
    case "status": {
      // Open incidents only: a maintenance shows through its components' statuses once under way.
      const open = await ctx.db
        .select({ impact: incidents.impact })
        .from(incidents)
        .where(and(eq(incidents.kind, "incident"), isNull(incidents.resolvedAt)));
      return { page, status: status(open) };
    }
    case "components":
      return { page, components: await components() };
    case "incidents":
      return { page, incidents: await incidentsOf("recent") };
    case "incidents/unresolved":
      return { page, incidents: await incidentsOf("unresolved") };
    case "scheduled-maintenances":
      return { page, scheduled_maintenances: await maintenancesOf("all") };
    case "scheduled-maintenances/upcoming":
      return { page, scheduled_maintenances: await maintenancesOf("upcoming") };
    case "scheduled-maintenances/active":
      return { page, scheduled_maintenances: await maintenancesOf("active") };
  }
}

/** An incident as it stands now, naming the live components it affects with their current status. */
function shapeIncident(i: IncidentWithUpdates, opts: ShapeOptions): StatuspageIncident {
  const history = replayIncident(i);
  const newest = i.updates.at(-1)?.createdAt;
  const updatedAt = newest && newest > i.updatedAt ? newest : i.updatedAt;
  const affected = i.components.flatMap((c) => opts.componentsById.get(c.id) ?? []);
  return statuspageIncident(
    {
      id: i.id,
      title: i.title,
      // A maintenance was created when it was announced; its start is in the window.
      createdAt: i.kind === "maintenance" ? i.updates[0]?.createdAt : undefined,
      startedAt: i.startedAt,
      status: i.status,
      impact: i.impact,
      updatedAt,
      monitoringAt: history.monitoringAt,
      resolvedAt: i.resolvedAt,
      shortlink: `${opts.publicUrl}/incidents/${i.id}`,
      pageId: opts.pageId,
    },
    opts.time,
    history.updates.map((u) => statuspageIncidentUpdate(u, opts.time)).reverse(),
    affected,
  );
}
