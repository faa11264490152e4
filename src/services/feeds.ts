import { and, desc, eq, inArray, isNull, max, sql } from "drizzle-orm";
import { incidents, incidentUpdates } from "../db/schema/index.ts";
import type { FeedIncident } from "../render/feeds/entry-html.ts";
import type { ServiceContext } from "./context.ts";
import { affectedComponents } from "./incidents/index.ts";

export type { FeedIncident };

/**
 * The incidents and scheduled maintenances a feed carries (both are events
 * customers follow; `kind` tells them apart), newest first by their latest
 * update (so an old incident that gets a new update moves to the top, as
 * readers expect), each with all its updates and affected components.
 * Hidden updates are left out: they never happened, as far as a feed knows.
 */
export async function listFeedIncidents(ctx: ServiceContext, { limit }: { limit: number }): Promise<FeedIncident[]> {
  const latest = ctx.db
    .select({ incidentId: incidentUpdates.incidentId, latestAt: max(incidentUpdates.createdAt).as("latest_at") })
    .from(incidentUpdates)
    .where(isNull(incidentUpdates.hiddenAt))
    .groupBy(incidentUpdates.incidentId)
    .as("latest");
  const rows = await ctx.db
    .select({ incident: incidents })
    .from(incidents)
    .leftJoin(latest, eq(latest.incidentId, incidents.id))
    .orderBy(desc(sql`coalesce(${latest.latestAt}, ${incidents.startedAt})`), desc(incidents.id))
    .limit(limit);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.incident.id);
  const [updates, componentsOf] = await Promise.all([
    ctx.db
      .select()
      .from(incidentUpdates)
      .where(and(inArray(incidentUpdates.incidentId, ids), isNull(incidentUpdates.hiddenAt)))
      .orderBy(desc(incidentUpdates.seq)),
    affectedComponents(ctx, ids),
  ]);
  const updatesOf = groupBy(updates, (u) => u.incidentId);
  return rows.map(({ incident }) => {
    const own = updatesOf.get(incident.id) ?? [];
    // A correction changes the entry, so readers are told it was updated; it does not move it up the feed.
    const changes = [...own.flatMap((u) => [u.createdAt, u.editedAt]), incident.titleEditedAt];
    return {
      ...incident,
      latestAt: changes.reduce<Date>((at, c) => (c && c > at ? c : at), own[0]?.createdAt ?? incident.startedAt),
      updates: own,
      components: componentsOf.get(incident.id) ?? [],
    };
  });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
