import type { z } from "@hono/zod-openapi";
import type {
  AffectedComponent,
  EtaRevision,
  IncidentDetail,
  IncidentSummary,
  IncidentUpdate,
} from "../../../db/models.ts";
import { tweetUrl } from "../../../render/tweet.ts";
import {
  type ComponentStatusSchema,
  type ImpactSchema,
  type IncidentStatusSchema,
  iso,
  type UpdateKindSchema,
} from "../schemas.ts";
import type { IncidentSchema, IncidentSummarySchema } from "./schema/incident.ts";
import type { EtaRevisionSchema, IncidentUpdateSchema } from "./schema/update.ts";

type Json<T extends z.ZodType> = z.infer<T>;

/** One update as the API shows it; maintenance reuses it for its own updates. */
export function updateJson(u: IncidentUpdate): Json<typeof IncidentUpdateSchema> {
  return {
    id: u.id,
    status: u.status as Json<typeof IncidentStatusSchema>,
    impact: u.impact as Json<typeof ImpactSchema>,
    message: u.body,
    eta: iso(u.eta),
    next_update_due_at: iso(u.nextUpdateDueAt),
    author: u.author,
    kind: u.kind as Json<typeof UpdateKindSchema>,
    components: u.componentChanges as Json<typeof IncidentUpdateSchema>["components"],
    // Updates written before the chat flag (issue 18) lack it; like every flag, it defaults to on.
    notify: { ...u.notify, chat: u.notify.chat ?? true },
    promise_outcome: u.promiseOutcome as Json<typeof IncidentUpdateSchema>["promise_outcome"],
    late_by_seconds: u.lateBySeconds,
    tweet_id: u.tweetId,
    created_at: u.createdAt.toISOString(),
    edited_at: iso(u.editedAt),
    hidden: u.hiddenAt !== null,
    hidden_at: iso(u.hiddenAt),
  };
}

function revisionJson(r: EtaRevision): Json<typeof EtaRevisionSchema> {
  return {
    id: r.id,
    update_id: r.updateId,
    previous_eta: iso(r.previousEta),
    eta: iso(r.eta),
    promised_at: r.promisedAt.toISOString(),
    outcome: r.outcome as Json<typeof EtaRevisionSchema>["outcome"],
    settled_at: iso(r.settledAt),
    missed_by_seconds: r.missedBySeconds,
  };
}

function baseJson(i: IncidentSummary | IncidentDetail, publicUrl: string) {
  return {
    id: i.id,
    title: i.title,
    title_edited_at: iso(i.titleEditedAt),
    status: i.status as Json<typeof IncidentStatusSchema>,
    impact: i.impact as Json<typeof ImpactSchema>,
    started_at: i.startedAt.toISOString(),
    resolved_at: iso(i.resolvedAt),
    eta: iso(i.eta),
    next_update_due_at: iso(i.nextUpdateDueAt),
    created_by: i.createdBy,
    updated_at: i.updatedAt.toISOString(),
    backfilled: i.recordedAt !== null,
    recorded_at: iso(i.recordedAt),
    url: `${publicUrl}/incidents/${i.id}`,
    twitter_thread_url: i.twitterThreadRootId ? tweetUrl(i.twitterThreadRootId) : null,
    components: i.components.map((c: AffectedComponent) => ({
      slug: c.slug,
      name: c.name,
      status: c.status as Json<typeof ComponentStatusSchema>,
    })),
  };
}

/** One incident in full (updates, ETA revisions, promise record), with its public URL. */
export function incidentJson(i: IncidentDetail, publicUrl: string): Json<typeof IncidentSchema> {
  return {
    ...baseJson(i, publicUrl),
    updates: i.updates.map(updateJson),
    eta_revisions: i.etaRevisions.map(revisionJson),
    promises: {
      eta: i.promises.eta,
      next_update: {
        made: i.promises.nextUpdate.made,
        kept_by_engineers: i.promises.nextUpdate.keptByEngineers,
        kept_by_machine: i.promises.nextUpdate.keptByMachine,
        missed: i.promises.nextUpdate.missed,
        pending: i.promises.nextUpdate.pending,
      },
    },
  };
}

/** An incident in a list: only its latest update, so a page stays small. */
export function incidentSummaryJson(i: IncidentSummary, publicUrl: string): Json<typeof IncidentSummarySchema> {
  return { ...baseJson(i, publicUrl), latest_update: i.latestUpdate ? updateJson(i.latestUpdate) : null };
}
