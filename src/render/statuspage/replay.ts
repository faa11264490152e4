import type { AffectedComponent, IncidentUpdate } from "../../db/models.ts";

/** One component change an update made, in Statuspage's shape. */
export type StatuspageAffectedComponent = { code: string; name: string; old_status: string; new_status: string };

type IncidentHistoryInput = { components: AffectedComponent[]; updates: IncidentUpdate[] };

/** An update with the component changes it made, each with the status it replaced. */
export type ReplayedUpdate = { update: IncidentUpdate; affected: StatuspageAffectedComponent[] | null };

/**
 * Replays an incident's updates oldest first, up to `upToSeq`: what each one
 * changed (old and new status), when it first went to monitoring, and where
 * each component (by slug) stood after the last one.
 *
 * @example replayIncident(detail, 2).statusOf.get("api") // "partial_outage"
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
