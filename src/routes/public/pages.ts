import type { Context, Hono } from "hono";
import type { Config } from "../../config.ts";
import type { EtaRevision, Incident, IncidentSummary } from "../../db/models.ts";
import { type ComponentStatus, type Impact, impacts, overallStatus } from "../../domain/components.ts";
import type { UpdateKind } from "../../domain/incidents.ts";
import { statusLabel } from "../../domain/maintenance.ts";
import { describeDuration, lateGraceMs } from "../../domain/promises.ts";
import { AppError } from "../../errors.ts";
import { render } from "../../render/index.ts";
import { formatTime } from "../../render/time.ts";
import { tweetUrl } from "../../render/tweet.ts";
import { listComponents } from "../../services/components/index.ts";
import { componentHistory, dayKey, etaLedgers, incidentHistoryPage } from "../../services/history.ts";
import { getIncident, listIncidents } from "../../services/incidents/index.ts";
import { listMaintenances } from "../../services/maintenances/index.ts";
import { type AppEnv, serviceContext } from "../env.ts";
import { feedLinks } from "./feeds.ts";

// The public pages: what customers read on the worst day. Server-rendered,
// complete without JavaScript, and a pure function of the data, the clock,
// the config and the URL (a cache in front re-renders them on every change).

const historyDays = 90;
const historyPageSize = 25;
const maxHistoryPage = 9999;
/**
 * Open maintenances shown on `/`, soonest first. Pages announce a handful at
 * most; past this many the rest are left to the JSON, and the page says so.
 */
const maxShownMaintenances = 20;

const statusWords: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
};

/** A shape beside every status word, so nothing is told by colour alone. */
const statusIcons: Record<ComponentStatus, string> = {
  operational: "✓",
  degraded_performance: "▲",
  partial_outage: "◆",
  major_outage: "✕",
  under_maintenance: "◷",
};

type ImpactView = { label: string; cls: string; icon: string };

/** Incident impact in the words of the component status it stands for (Statuspage's mapping). */
const impactViews: Record<Impact, ImpactView> = {
  none: { label: "No impact", cls: "muted", icon: "○" },
  minor: { label: "Minor impact", cls: "s-degraded_performance", icon: "▲" },
  major: { label: "Partial outage", cls: "s-partial_outage", icon: "◆" },
  critical: { label: "Major outage", cls: "s-major_outage", icon: "✕" },
};

/** Planned work, whatever its status: it is not an outage, so it gets its own mark rather than an impact. */
const maintenanceMark: ImpactView = {
  label: "Maintenance",
  cls: "s-under_maintenance",
  icon: statusIcons.under_maintenance,
};

/** Who posted an update and why, so customers can tell the team's words from the machine keeping a promise. */
const kindWords: Record<UpdateKind, string> = {
  manual: "By the team",
  resolved: "By the team",
  holding: "Automatic: the promised update, no news yet",
  eta_missed: "Automatic: our estimate passed",
  announced: "By the team: announced",
  reminder: "Automatic: reminder",
  rescheduled: "By the team: rescheduled",
  started: "Automatic: the work started",
  completed: "By the team",
  cancelled: "By the team",
};

/** A maintenance's ETA is its planned end: passing it is an overrun, not a missed estimate. */
const maintenanceKindWords: Partial<Record<UpdateKind, string>> = {
  eta_missed: "Automatic: past its planned end",
};

function kindLabel(kind: string, maintenance: boolean): string {
  const words = (maintenance ? maintenanceKindWords[kind as UpdateKind] : undefined) ?? kindWords[kind as UpdateKind];
  return words ?? kind;
}

const statusView = (status: string) => ({
  status,
  statusLabel: statusWords[status as ComponentStatus] ?? status,
  icon: statusIcons[status as ComponentStatus] ?? "",
});

// ---- colours -------------------------------------------------------------

function rgb(hex: string): [number, number, number] {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join("") : hex.slice(1);
  return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}

const hexOf = (c: number[]) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;

/**
 * The brand colour, mixed toward black or white just enough to read as text
 * (WCAG AA, 4.5:1) on every background it sits on in one theme.
 */
export function readableOn(hex: string, backgrounds: string[], toward: "#000000" | "#ffffff"): string {
  const from = rgb(hex);
  const to = rgb(toward);
  for (let step = 0; step <= 20; step++) {
    const mixed = from.map((v, i) => v + ((to[i] - v) * step) / 20);
    if (backgrounds.every((bg) => contrast(mixed as [number, number, number], rgb(bg)) >= 4.6)) return hexOf(mixed);
  }
  return toward;
}

type Brand = { color: string; linkLight: string; linkDark: string };
const brands = new Map<string, Brand>();

/** Null keeps the stylesheet's calm blue; a PAGE_BRAND_COLOR gets links that stay readable in both themes. */
function brandOf(color: string | undefined): Brand | null {
  if (!color) return null;
  let brand = brands.get(color);
  if (!brand) {
    brand = {
      color: hexOf(rgb(color)),
      linkLight: readableOn(color, ["#ffffff", "#f6f8fa"], "#000000"),
      linkDark: readableOn(color, ["#0d1117", "#151b23"], "#ffffff"),
    };
    brands.set(color, brand);
  }
  return brand;
}

type Chrome = {
  pageName: string;
  logoUrl: string | null;
  timeZone: string;
  brand: Brand | null;
  current: "home" | "history" | "incident" | "error";
  isHome: boolean;
  /** `<link rel="alternate">` to the feeds, in every page's head. */
  feeds: { href: string; type: string; title: string }[];
};

function chromeOf(config: Config, current: Chrome["current"]): Chrome {
  return {
    pageName: config.pageName,
    logoUrl: config.pageLogoUrl ?? null,
    timeZone: config.pageTimezone,
    brand: brandOf(config.pageBrandColor),
    current,
    isHome: current === "home",
    feeds: feedLinks(config.pageName),
  };
}

// ---- times ---------------------------------------------------------------

type TimeView = { iso: string; text: string; withDate: boolean };

/** An instant for a `<time>` element; the date is shown unless it falls on the same day as `sameDayAs`. */
function timeView(at: Date, tz: string, sameDayAs?: Date): TimeView {
  const withDate = !sameDayAs || dayKey(at, tz) !== dayKey(sameDayAs, tz);
  return { iso: at.toISOString(), text: formatTime(at, tz, withDate), withDate };
}

/**
 * "2 h 5 min", "45 min", "3 d 4 h": compact spans for durations, rounded
 * down so an incident is never said to have lasted longer than it did.
 */
export function shortDuration(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 60_000);
  if (total === 0) return "under a minute";
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  if (d) return h ? `${d} d ${h} h` : `${d} d`;
  if (h) return m ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

const dayLabels = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
});
/** "24 Nov 2026" for a `YYYY-MM-DD` key. */
const dayLabel = (key: string) => dayLabels.format(new Date(`${key}T00:00:00Z`));

const monthLabels = new Map<string, Intl.DateTimeFormat>();
function monthLabel(at: Date, tz: string): string {
  let format = monthLabels.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone: tz, month: "long", year: "numeric" });
    monthLabels.set(tz, format);
  }
  return format.format(at);
}

// ---- promises ------------------------------------------------------------

type PromiseView = {
  /** Worded for planned work: a finish time and a planned end, not service coming back. */
  maintenance?: boolean;
  eta?: TimeView;
  missed?: { eta: TimeView; ago: string };
  noEstimate?: boolean;
  next?: TimeView;
  nextLate?: { at: TimeView; late: string };
};

/**
 * The estimate that passed with the incident still open, if customers have
 * no newer one: the current ETA once reached, or the one the machine
 * withdrew when it admitted the miss (the ledger's last real estimate).
 */
function passedEstimate(eta: Date | null, ledger: EtaRevision[], now: Date): Date | null {
  if (eta) return eta.getTime() <= now.getTime() ? eta : null;
  const lastGiven = ledger.findLast((r) => r.eta !== null);
  return lastGiven?.outcome === "missed" ? lastGiven.eta : null;
}

/**
 * What was promised next, worded from facts: an ETA, a passed ETA said
 * plainly, the next update time. For a maintenance the ETA is the planned
 * end; before the work starts the window is the promise, shown on its own.
 */
function promiseView(
  incident: { kind: string; status: string; eta: Date | null; nextUpdateDueAt: Date | null; resolvedAt: Date | null },
  ledger: EtaRevision[],
  now: Date,
  tz: string,
): PromiseView | null {
  if (incident.resolvedAt) return null;
  const maintenance = incident.kind === "maintenance";
  if (maintenance && incident.status === "scheduled") return null;
  const view: PromiseView = maintenance ? { maintenance } : {};
  const passed = passedEstimate(incident.eta, ledger, now);
  if (passed) view.missed = { eta: timeView(passed, tz, now), ago: describeDuration(now.getTime() - passed.getTime()) };
  else if (incident.eta) view.eta = timeView(incident.eta, tz, now);
  // After a miss the machine withdraws the estimate: say there is no new one yet.
  if (!incident.eta) view.noEstimate = true;
  const due = incident.nextUpdateDueAt;
  // Work under way promises its next word at its planned end: "finish by" says it once.
  const sameAsEnd = maintenance && due && incident.eta && due.getTime() === incident.eta.getTime();
  if (due && !sameAsEnd) {
    const lateMs = now.getTime() - due.getTime();
    if (lateMs > lateGraceMs) view.nextLate = { at: timeView(due, tz, now), late: describeDuration(lateMs) };
    else view.next = timeView(due, tz, now);
  }
  return view;
}

/** One line of the ETA ledger: when we said it, for when, and how it turned out. */
function ledgerRow(r: EtaRevision, now: Date, tz: string) {
  const base = { promised: timeView(r.promisedAt, tz), eta: r.eta ? timeView(r.eta, tz, r.promisedAt) : null };
  const bad = { cls: "s-major_outage", icon: statusIcons.major_outage };
  const good = { cls: "s-operational", icon: statusIcons.operational };
  const plain = { cls: "", icon: "" };
  switch (r.outcome) {
    case null:
      if (!r.eta) return { ...base, ...plain, outcome: "Current: no estimate yet" };
      if (r.eta.getTime() > now.getTime()) return { ...base, ...plain, outcome: "Current estimate" };
      return { ...base, ...bad, outcome: `Passed ${describeDuration(now.getTime() - r.eta.getTime())} ago` };
    case "met": {
      const earlyMs = r.eta && r.settledAt ? r.eta.getTime() - r.settledAt.getTime() : 0;
      return { ...base, ...good, outcome: earlyMs >= 60_000 ? `Met, ${describeDuration(earlyMs)} early` : "Met" };
    }
    case "missed":
      return {
        ...base,
        ...bad,
        outcome: r.missedBySeconds ? `Missed by ${describeDuration(r.missedBySeconds * 1000)}` : "Missed",
      };
    case "revised":
      return { ...base, ...plain, outcome: r.eta ? "Changed before it passed" : "Replaced by an estimate" };
    case "withdrawn":
      return { ...base, ...plain, outcome: "Withdrawn before it passed" };
    case "closed":
      return { ...base, ...plain, outcome: "Resolved without an estimate" };
    default:
      return { ...base, ...plain, outcome: r.outcome };
  }
}

// ---- views ---------------------------------------------------------------

/** Planned maintenance as `/` shows it: upcoming or under way, with its window and latest word. */
export type MaintenanceView = {
  id: string;
  title: string;
  /** "Scheduled maintenance", "Maintenance in progress", "Verifying maintenance". */
  statusLabel: string;
  mark: ImpactView;
  /** The announced window; the end names its date only when it is another day. */
  starts: TimeView;
  ends: TimeView;
  components: string[];
  latest: { message: string; promise: string | null; kind: string; at: TimeView } | null;
  /**
   * Set while the work runs past its planned end: the page says so plainly,
   * with the live promise (no new finish time yet, next update by), in place
   * of the latest update's promise, which named the end that passed.
   */
  overrun: PromiseView | null;
};

const working = (status: string) => status === "in_progress" || status === "verifying";

/**
 * The live promise of a maintenance running past its planned end, or null
 * when it is not: the planned end said plainly as passed, then what comes next.
 */
function overrunView(m: IncidentSummary, ledger: EtaRevision[], now: Date, tz: string): PromiseView | null {
  const end = m.scheduledUntil;
  if (!working(m.status) || !end || end.getTime() > now.getTime()) return null;
  const view = promiseView(m, ledger, now, tz) ?? { maintenance: true };
  view.missed ??= { eta: timeView(end, tz, now), ago: describeDuration(now.getTime() - end.getTime()) };
  return view;
}

function maintenanceCard(m: IncidentSummary, ledger: EtaRevision[], now: Date, tz: string): MaintenanceView {
  const starts = m.scheduledFor ?? m.startedAt;
  const ends = m.scheduledUntil ?? starts;
  const overrun = overrunView(m, ledger, now, tz);
  const u = m.latestUpdate;
  return {
    id: m.id,
    title: m.title,
    statusLabel: statusLabel(m.status),
    mark: maintenanceMark,
    starts: timeView(starts, tz),
    ends: timeView(ends, tz, starts),
    components: m.components.map((x) => x.name),
    latest: u
      ? {
          message: u.body,
          promise: overrun ? null : u.promise,
          kind: kindLabel(u.kind, true),
          at: timeView(u.createdAt, tz, now),
        }
      : null,
    overrun,
  };
}

function incidentCard(i: IncidentSummary, ledger: EtaRevision[], now: Date, tz: string) {
  return {
    id: i.id,
    title: i.title,
    statusLabel: statusLabel(i.status),
    impact: impactViews[i.impact as Impact],
    started: timeView(i.startedAt, tz, now),
    components: i.components.map((x) => ({ name: x.name, ...statusView(x.status) })),
    latest: i.latestUpdate
      ? {
          message: i.latestUpdate.body,
          kind: kindLabel(i.latestUpdate.kind, false),
          at: timeView(i.latestUpdate.createdAt, tz, now),
        }
      : null,
    promise: promiseView(i, ledger, now, tz),
  };
}

/** An incident on /history: its impact, when it started and ended, and how long it lasted. */
function historyRow(i: Incident, now: Date, tz: string) {
  return {
    id: i.id,
    title: i.title,
    impact: impactViews[i.impact as Impact],
    started: timeView(i.startedAt, tz),
    resolved: i.resolvedAt ? timeView(i.resolvedAt, tz, i.startedAt) : null,
    duration: shortDuration((i.resolvedAt ?? now).getTime() - i.startedAt.getTime()),
  };
}

/**
 * A completed or cancelled maintenance on /history, marked as maintenance
 * rather than given an impact: the window it was planned for, and when the
 * work ran and how long it took, or that it did not take place.
 */
function pastMaintenanceRow(m: Incident, tz: string) {
  const cancelled = m.status === "cancelled";
  const end = m.resolvedAt ?? m.startedAt;
  const plannedStart = m.scheduledFor ?? m.startedAt;
  return {
    id: m.id,
    title: m.title,
    maintenance: {
      mark: maintenanceMark,
      statusLabel: statusLabel(m.status),
      // The planned start names its date when the work did not take place, or ran on another day.
      planned: {
        starts: timeView(plannedStart, tz, cancelled ? undefined : m.startedAt),
        ends: timeView(m.scheduledUntil ?? plannedStart, tz, plannedStart),
      },
      ran: cancelled
        ? null
        : {
            started: timeView(m.startedAt, tz),
            ended: timeView(end, tz, m.startedAt),
            took: shortDuration(end.getTime() - m.startedAt.getTime()),
          },
    },
  };
}

/** An HTML error page that names what was wrong; public pages never answer with JSON. */
function errorPage(c: Context<AppEnv>, status: 400 | 404, heading: string, text: string) {
  const { config } = c.var.deps;
  return c.html(
    render("pages/message", { pageName: config.pageName, chrome: chromeOf(config, "error"), heading, text }),
    status,
  );
}

/** `?page=`: absent means 1; anything but one whole number in range is refused, naming the parameter. */
function parsePage(c: Context<AppEnv>): number | string {
  const values = c.req.queries("page");
  if (!values) return 1;
  const value = values[0] ?? "";
  if (values.length === 1 && /^[1-9][0-9]{0,3}$/.test(value)) return Number(value);
  const shown = value.length > 20 ? `${value.slice(0, 20)}…` : value;
  return values.length > 1
    ? "page: give it once"
    : `page: must be a whole number from 1 to ${maxHistoryPage} (got "${shown}")`;
}

/**
 * `/`, `/incidents/{id}` and `/history`.
 *
 * @example registerPublicPages(app); await app.request("/") // 200 text/html
 */
export function registerPublicPages(app: Hono<AppEnv>) {
  app.get("/", async (c) => {
    const ctx = serviceContext(c);
    const now = ctx.clock();
    const tz = ctx.config.pageTimezone;
    const [components, open, planned] = await Promise.all([
      listComponents(ctx),
      listIncidents(ctx, { state: "open", limit: 50 }),
      // Under way first (their windows began earlier), then upcoming, soonest first.
      listMaintenances(ctx, { state: "open", limit: maxShownMaintenances + 1 }),
    ]);
    const shown = planned.slice(0, maxShownMaintenances);
    const [ledgers, history] = await Promise.all([
      etaLedgers(
        ctx,
        [...open.incidents, ...shown].map((i) => i.id),
      ),
      componentHistory({ ctx, now, days: historyDays, open: open.incidents }),
    ]);
    // Maintenance shows in the banner only through the components it holds once under way.
    const overall = overallStatus(
      components.map((x) => x.status as ComponentStatus),
      open.incidents.map((i) => i.impact as Impact),
    );
    const count = open.incidents.length;
    const underWay = shown.filter((m) => working(m.status)).length;
    const labels = history.days.map((d, i) => dayLabel(d) + (i === history.days.length - 1 ? " (today)" : ""));
    const range = { from: dayLabel(history.days[0]), to: dayLabel(history.days[history.days.length - 1]) };

    const groups: { name: string | null; components: unknown[] }[] = [];
    for (const x of components) {
      const perDay = history.byComponent.get(x.id);
      const cells = history.days.map((day, i) => {
        const entry = perDay?.get(day);
        if (!entry) return {};
        const n = entry.incidents.length;
        return {
          level: impacts.indexOf(entry.worst),
          label: `${labels[i]}: ${impactViews[entry.worst].label}, ${n} incident${n === 1 ? "" : "s"}`,
          incidents: entry.incidents.map(({ id, title }) => ({ id, title })),
        };
      });
      const view = { slug: x.slug, name: x.name, ...statusView(x.status), cells };
      const last = groups.at(-1);
      if (last && last.name === x.groupName) last.components.push(view);
      else groups.push({ name: x.groupName, components: [view] });
    }

    const maintenances = shown.map((m) => maintenanceCard(m, ledgers.get(m.id) ?? [], now, tz));
    return c.html(
      render("pages/home", {
        pageName: ctx.config.pageName,
        chrome: chromeOf(ctx.config, "home"),
        overall: {
          label: overall.label,
          cls: `s-${overall.status}`,
          icon: statusIcons[overall.status],
          detail: count ? `${count} active incident${count === 1 ? "" : "s"}` : "No active incidents",
          maintenance: underWay ? `${underWay} maintenance${underWay === 1 ? "" : "s"} in progress` : null,
          asOf: timeView(now, tz, now),
        },
        incidents: open.incidents.map((i) => incidentCard(i, ledgers.get(i.id) ?? [], now, tz)),
        maintenances,
        moreMaintenances: planned.length > maxShownMaintenances,
        groups,
        dayRules: labels.map((label, i) => ({ n: i + 2, label })),
        range,
      }),
    );
  });

  app.get("/incidents/:id", async (c) => {
    const ctx = serviceContext(c);
    const now = ctx.clock();
    const tz = ctx.config.pageTimezone;
    let incident: Awaited<ReturnType<typeof getIncident>>;
    try {
      incident = await getIncident(ctx, c.req.param("id"));
    } catch (err) {
      if (err instanceof AppError && err.code === "NOT_FOUND")
        return errorPage(
          c,
          404,
          "Incident not found",
          "There is no incident at this address. Check the link, or see all incidents in the history.",
        );
      throw err;
    }
    const maintenance = incident.kind === "maintenance";
    const end = incident.resolvedAt ?? now;
    const window =
      maintenance && incident.scheduledFor && incident.scheduledUntil
        ? {
            starts: timeView(incident.scheduledFor, tz),
            ends: timeView(incident.scheduledUntil, tz, incident.scheduledFor),
          }
        : null;
    return c.html(
      render("pages/incident", {
        pageName: ctx.config.pageName,
        chrome: chromeOf(ctx.config, "incident"),
        incident: {
          title: incident.title,
          statusLabel: statusLabel(incident.status),
          impact: maintenance ? maintenanceMark : impactViews[incident.impact as Impact],
          window,
          notStarted: incident.status === "scheduled",
          cancelled: incident.status === "cancelled",
          endedWord: maintenance ? "completed" : "resolved",
          started: timeView(incident.startedAt, tz),
          resolved: incident.resolvedAt
            ? timeView(incident.resolvedAt, tz, incident.status === "cancelled" ? undefined : incident.startedAt)
            : null,
          duration: shortDuration(end.getTime() - incident.startedAt.getTime()),
          promise: promiseView(incident, incident.etaRevisions, now, tz),
          threadUrl: incident.twitterThreadRootId ? tweetUrl(incident.twitterThreadRootId) : null,
          threadWhat: maintenance ? "maintenance" : "incident",
          components: incident.components.map((x) => ({ name: x.name, ...statusView(x.status) })),
          updates: incident.updates.map((u) => ({
            statusLabel: statusLabel(u.status),
            kindLabel: kindLabel(u.kind, maintenance),
            message: u.body,
            promise: maintenance ? u.promise : null,
            at: timeView(u.createdAt, tz),
            tweetUrl: u.tweetId ? tweetUrl(u.tweetId) : null,
          })),
          ledger: incident.etaRevisions.map((r) => ledgerRow(r, now, tz)),
          ledgerWords: maintenance
            ? { heading: "Our planned end, and how it turned out", column: "Finish by" }
            : { heading: "Our estimates, and how they turned out", column: "Service back by" },
        },
      }),
    );
  });

  app.get("/history", async (c) => {
    const ctx = serviceContext(c);
    const now = ctx.clock();
    const tz = ctx.config.pageTimezone;
    const page = parsePage(c);
    if (typeof page === "string") return errorPage(c, 400, "That page does not exist", page);
    const found = await incidentHistoryPage({ ctx, page, pageSize: historyPageSize });
    if (page > 1 && !found.incidents.length)
      return errorPage(c, 404, "That page does not exist", `page: there are no incidents on page ${page}.`);

    const months: { key: string; label: string; incidents: unknown[] }[] = [];
    const previousMonth = found.previous ? dayKey(found.previous.startedAt, tz).slice(0, 7) : null;
    for (const i of found.incidents) {
      const key = dayKey(i.startedAt, tz).slice(0, 7);
      let month = months.at(-1);
      if (month?.key !== key) {
        const label = monthLabel(i.startedAt, tz) + (key === previousMonth ? " (continued)" : "");
        month = { key, label, incidents: [] };
        months.push(month);
      }
      month.incidents.push(i.kind === "maintenance" ? pastMaintenanceRow(i, tz) : historyRow(i, now, tz));
    }
    const pager =
      page > 1 || found.hasMore
        ? {
            newer: page > 1 ? (page === 2 ? "/history" : `/history?page=${page - 1}`) : null,
            older: found.hasMore && page < maxHistoryPage ? `/history?page=${page + 1}` : null,
          }
        : null;
    return c.html(
      render("pages/history", {
        pageName: ctx.config.pageName,
        chrome: chromeOf(ctx.config, "history"),
        page,
        months,
        pager,
      }),
    );
  });
}
