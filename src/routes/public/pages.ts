import type { Hono } from "hono";
import type { ComponentStatus, Impact } from "../../domain/components.ts";
import { overallStatus } from "../../domain/components.ts";
import { AppError } from "../../errors.ts";
import { render } from "../../render/index.ts";
import { formatTime } from "../../render/time.ts";
import { tweetUrl } from "../../render/tweet.ts";
import { listComponents } from "../../services/components.ts";
import { getIncident, type IncidentSummary, listIncidents } from "../../services/incidents.ts";
import { type AppEnv, serviceContext } from "../env.ts";

/** The words customers read about what was promised next. */
function promiseLine(i: { eta: Date | null; nextUpdateDueAt: Date | null }, tz: string): string {
  const parts: string[] = [];
  if (i.eta) parts.push(`We expect service back by ${formatTime(i.eta, tz)}.`);
  if (i.nextUpdateDueAt) parts.push(`Next update by ${formatTime(i.nextUpdateDueAt, tz)}.`);
  return parts.join(" ");
}

/**
 * A minimal, server-rendered public page: overall status, components and
 * active incidents with their promises. Readable with no JavaScript.
 */
export function registerPublicPages(app: Hono<AppEnv>) {
  app.get("/", async (c) => {
    const ctx = serviceContext(c);
    const tz = ctx.config.pageTimezone;
    const [components, open] = await Promise.all([
      listComponents({ ctx }),
      listIncidents({ ctx, state: "open", limit: 50 }),
    ]);
    const overall = overallStatus(
      components.map((x) => x.status as ComponentStatus),
      open.incidents.map((i) => i.impact as Impact),
    );
    return c.html(
      render("pages/home", {
        pageName: ctx.config.pageName,
        overall,
        components: components.map((x) => ({ slug: x.slug, name: x.name, group: x.groupName, status: x.status })),
        incidents: open.incidents.map((i: IncidentSummary) => ({
          id: i.id,
          title: i.title,
          status: i.status,
          latest: i.latestUpdate?.body ?? "",
          promise: promiseLine(i, tz),
        })),
      }),
    );
  });

  app.get("/incidents/:id", async (c) => {
    const ctx = serviceContext(c);
    const tz = ctx.config.pageTimezone;
    let incident: Awaited<ReturnType<typeof getIncident>>;
    try {
      incident = await getIncident({ ctx, id: c.req.param("id") });
    } catch (err) {
      if (err instanceof AppError && err.code === "NOT_FOUND")
        return c.html("<!doctype html><title>Not found</title><p>No such incident.</p>", 404);
      throw err;
    }
    return c.html(
      render("pages/incident", {
        pageName: ctx.config.pageName,
        incident: {
          title: incident.title,
          status: incident.status,
          impactLabel: incident.impact.charAt(0).toUpperCase() + incident.impact.slice(1),
          started: formatTime(incident.startedAt, tz, true),
          resolved: incident.resolvedAt ? formatTime(incident.resolvedAt, tz, true) : null,
          promise: promiseLine(incident, tz),
          threadUrl: incident.twitterThreadRootId ? tweetUrl(incident.twitterThreadRootId) : null,
          components: incident.components,
          updates: incident.updates.map((u) => ({
            status: u.status,
            kind: u.kind,
            message: u.body,
            at: formatTime(u.createdAt, tz, true),
            tweetUrl: u.tweetId ? tweetUrl(u.tweetId) : null,
          })),
          revisions: incident.etaRevisions.map((r) => ({
            promised: formatTime(r.promisedAt, tz, true),
            eta: r.eta ? formatTime(r.eta, tz, true) : null,
            outcome:
              r.outcome === "missed"
                ? `missed by ${Math.ceil((r.missedBySeconds ?? 0) / 60)} min`
                : (r.outcome ?? "current"),
          })),
        },
      }),
    );
  });
}
