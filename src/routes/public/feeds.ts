import type { Hono } from "hono";
import { rfc822Date, rfc3339Date, xmlText } from "../../domain/feeds.ts";
import type { UpdateKind } from "../../domain/incidents.ts";
import { automaticKinds, statusLabel } from "../../domain/maintenance.ts";
import { render } from "../../render/index.ts";
import { formatTime } from "../../render/time.ts";
import { describeWindow } from "../../render/window.ts";
import { type FeedIncident, listFeedIncidents } from "../../services/feeds.ts";
import { type AppEnv, serviceContext } from "../env.ts";

/** How many incidents a feed carries, as Statuspage's history feeds do. */
export const feedSize = 50;

/** Where the feeds are, under Statuspage's names, and what they are served as. */
export const feeds = {
  rss: { path: "/history.rss", alias: "/feed.rss", type: "application/rss+xml" },
  atom: { path: "/history.atom", alias: "/feed.atom", type: "application/atom+xml" },
} as const;

/**
 * What a page puts in its head so browsers and readers find the feeds:
 * one `<link rel="alternate" type="{type}" title="{title}" href="{href}">` each.
 *
 * @example feedLinks("Acme") // [{ href: "/history.rss", type: "application/rss+xml", title: "Acme status (RSS)" }, ...]
 */
export function feedLinks(pageName: string): { href: string; type: string; title: string }[] {
  return [
    { href: feeds.rss.path, type: feeds.rss.type, title: `${pageName} status (RSS)` },
    { href: feeds.atom.path, type: feeds.atom.type, title: `${pageName} status (Atom)` },
  ];
}

/** What a maintenance's feed entry is titled with, so a reader tells planned work from an outage at a glance. */
export const maintenanceTitlePrefix = "Scheduled maintenance: ";

/** The words customers read about what was promised next, as on the page. */
function promiseLine(i: { eta: Date | null; nextUpdateDueAt: Date | null }, tz: string): string {
  const parts: string[] = [];
  if (i.eta) parts.push(`We expect service back by ${formatTime(i.eta, tz)}.`);
  if (i.nextUpdateDueAt) parts.push(`Next update by ${formatTime(i.nextUpdateDueAt, tz)}.`);
  return parts.join(" ");
}

/**
 * The same for a maintenance: nothing before the work (the window is the
 * promise), then the planned end, said plainly once it has passed.
 */
function maintenancePromiseLine(m: FeedIncident, now: Date, tz: string): string {
  if (m.status === "scheduled") return "";
  const parts: string[] = [];
  const end = m.scheduledUntil;
  if (end && end.getTime() <= now.getTime()) {
    parts.push(`This work is running past its planned end of ${formatTime(end, tz)}.`);
  } else if (m.eta) parts.push(`We expect to finish by ${formatTime(m.eta, tz)}.`);
  if (m.nextUpdateDueAt && m.nextUpdateDueAt.getTime() !== m.eta?.getTime())
    parts.push(`Next update by ${formatTime(m.nextUpdateDueAt, tz)}.`);
  return parts.join(" ");
}

/** When an entry first appeared: a maintenance when it was announced (its start is in the window). */
function publishedAt(i: FeedIncident): Date {
  return i.kind === "maintenance" ? (i.updates.at(-1)?.createdAt ?? i.startedAt) : i.startedAt;
}

/**
 * The HTML a reader shows for one incident. Handlebars escapes the incident's
 * words here, and the feed template escapes this whole HTML once more, since
 * in XML it is text: after XML parsing a reader gets HTML whose user text is
 * still escaped, so `<script>` is shown, never run.
 */
function incidentHtml(incident: FeedIncident, now: Date, tz: string): string {
  if (incident.kind === "maintenance") return maintenanceHtml(incident, now, tz);
  const open = !incident.resolvedAt;
  return render("feeds/entry.html", {
    status: incident.status,
    impactLabel: incident.impact.charAt(0).toUpperCase() + incident.impact.slice(1),
    started: formatTime(incident.startedAt, tz, true),
    resolved: incident.resolvedAt ? formatTime(incident.resolvedAt, tz, true) : null,
    promise: open ? promiseLine(incident, tz) : "",
    components: incident.components.map((c) => ({ name: xmlText(c.name), status: c.status })),
    updates: incident.updates.map((u) => ({
      status: u.status,
      at: formatTime(u.createdAt, tz, true),
      automatic: automaticKinds.has(u.kind as UpdateKind),
      lines: xmlText(u.body).split(/\r\n|\r|\n/),
    })),
  });
}

/**
 * A maintenance's entry: its status in words, the window, when it started and
 * ended, and each update with the promise it carried (the window, the finish
 * time), escaped as incidentHtml's are.
 */
function maintenanceHtml(m: FeedIncident, now: Date, tz: string): string {
  const began = m.status !== "scheduled" && m.status !== "cancelled";
  return render("feeds/entry.html", {
    maintenance: true,
    statusLabel: statusLabel(m.status),
    window: m.scheduledFor && m.scheduledUntil ? describeWindow(m.scheduledFor, m.scheduledUntil, tz) : null,
    started: began ? formatTime(m.startedAt, tz, true) : null,
    resolved: m.resolvedAt ? formatTime(m.resolvedAt, tz, true) : null,
    endedWord: m.status === "cancelled" ? "cancelled" : "completed",
    promise: m.resolvedAt ? "" : maintenancePromiseLine(m, now, tz),
    components: m.components.map((c) => ({ name: xmlText(c.name), status: c.status })),
    updates: m.updates.map((u) => ({
      statusLabel: statusLabel(u.status),
      at: formatTime(u.createdAt, tz, true),
      automatic: automaticKinds.has(u.kind as UpdateKind),
      lines: xmlText(u.promise ? `${u.body}\n${u.promise}` : u.body).split(/\r\n|\r|\n/),
    })),
  });
}

/** What both feeds are made of: the page, the incidents and their dates. */
async function feedModel(ctx: ReturnType<typeof serviceContext>, selfPath: string) {
  const { publicUrl, pageName, pageTimezone } = ctx.config;
  const incidents = await listFeedIncidents({ ctx, limit: feedSize });
  // The latest change is the newest update; a page with none yet is as of now.
  const latestChange = incidents.reduce<Date | null>((at, i) => (at && at >= i.latestAt ? at : i.latestAt), null);
  const name = xmlText(pageName);
  return {
    pageName: name,
    title: `${name} status`,
    description: `Incidents, scheduled maintenance and their updates from ${name}`,
    link: publicUrl,
    selfUrl: `${publicUrl}${selfPath}`,
    latestChange: latestChange ?? ctx.clock(),
    items: incidents.map((i) => ({
      title: xmlText(i.kind === "maintenance" ? `${maintenanceTitlePrefix}${i.title}` : i.title),
      link: `${publicUrl}/incidents/${i.id}`,
      started: publishedAt(i),
      latestAt: i.latestAt,
      html: incidentHtml(i, ctx.clock(), pageTimezone),
    })),
  };
}

/**
 * RSS 2.0 and Atom 1.0 feeds of the latest incidents and scheduled
 * maintenances (titled as such) with every update, at Statuspage's paths.
 * Like the pages, they depend only on the database, the clock and the config.
 */
export function registerFeedRoutes(app: Hono<AppEnv>) {
  // Statuspage's paths, plus /feed.rss and /feed.atom; the feeds name the first as their own.
  app.on("GET", [feeds.rss.path, feeds.rss.alias], async (c) => {
    const model = await feedModel(serviceContext(c), feeds.rss.path);
    const xml = render("feeds/rss", {
      ...model,
      lastBuildDate: rfc822Date(model.latestChange),
      items: model.items.map((i) => ({ ...i, pubDate: rfc822Date(i.latestAt) })),
    });
    return c.body(xml, 200, { "content-type": `${feeds.rss.type}; charset=utf-8` });
  });

  app.on("GET", [feeds.atom.path, feeds.atom.alias], async (c) => {
    const model = await feedModel(serviceContext(c), feeds.atom.path);
    const xml = render("feeds/atom", {
      ...model,
      id: model.selfUrl,
      updated: rfc3339Date(model.latestChange),
      items: model.items.map((i) => ({
        ...i,
        published: rfc3339Date(i.started),
        updated: rfc3339Date(i.latestAt),
      })),
    });
    return c.body(xml, 200, { "content-type": `${feeds.atom.type}; charset=utf-8` });
  });
}
