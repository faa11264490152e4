import type { z } from "@hono/zod-openapi";
import type { IncidentDetail, IncidentSummary } from "../../../db/models.ts";
import { tweetUrl } from "../../../render/tweet.ts";
import { updateJson } from "../incidents/to-json.ts";
import { type ComponentStatusSchema, iso } from "../schemas.ts";
import type { MaintenanceSchema, MaintenanceSummarySchema, UpdateEntrySchema } from "./schema/maintenance.ts";

type UpdateEntry = z.infer<typeof UpdateEntrySchema>;
const entryJson = (u: Parameters<typeof updateJson>[0]) => updateJson(u) as unknown as UpdateEntry;

const isoDuration = (ms: number | null) => (ms === null ? null : `PT${Math.round(ms / 1000)}S`);

function baseJson(m: IncidentSummary | IncidentDetail, publicUrl: string) {
  return {
    id: m.id,
    title: m.title,
    status: m.status as z.infer<typeof MaintenanceSchema>["status"],
    starts_at: (m.scheduledFor as Date).toISOString(),
    ends_at: (m.scheduledUntil as Date).toISOString(),
    started_at: m.status === "scheduled" || m.status === "cancelled" ? null : m.startedAt.toISOString(),
    completed_at: iso(m.resolvedAt),
    remind_before: isoDuration(m.remindBeforeMs),
    reminded_at: m.remindBeforeMs === null ? null : iso(m.remindedAt),
    expected_end: m.resolvedAt || m.status === "scheduled" ? null : iso(m.eta),
    next_update_due_at: iso(m.nextUpdateDueAt),
    allow_peak_hours: m.allowPeakHours,
    created_by: m.createdBy,
    updated_at: m.updatedAt.toISOString(),
    url: `${publicUrl}/incidents/${m.id}`,
    twitter_thread_url: m.twitterThreadRootId ? tweetUrl(m.twitterThreadRootId) : null,
    components: m.components.map((c) => ({
      slug: c.slug,
      name: c.name,
      status: c.status as z.infer<typeof ComponentStatusSchema>,
    })),
  };
}

/** One maintenance in full: the window as announced, what actually happened, its updates and promise record. */
export function maintenanceJson(m: IncidentDetail, publicUrl: string): z.infer<typeof MaintenanceSchema> {
  const n = m.promises.nextUpdate;
  return {
    ...baseJson(m, publicUrl),
    updates: m.updates.map(entryJson),
    promises: {
      eta: m.promises.eta,
      next_update: {
        made: n.made,
        kept_by_engineers: n.keptByEngineers,
        kept_by_machine: n.keptByMachine,
        missed: n.missed,
        pending: n.pending,
      },
    },
  };
}

/** A maintenance in a list: only its latest update, so a list stays small. */
export function maintenanceSummaryJson(
  m: IncidentSummary,
  publicUrl: string,
): z.infer<typeof MaintenanceSummarySchema> {
  return { ...baseJson(m, publicUrl), latest_update: m.latestUpdate ? entryJson(m.latestUpdate) : null };
}
