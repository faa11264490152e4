import { z } from "@hono/zod-openapi";
import type {
  AffectedComponent,
  EtaRevision,
  IncidentDetail,
  IncidentSummary,
  IncidentUpdate,
} from "../../../db/models.ts";
import { openStatuses } from "../../../domain/incidents.ts";
import { parseDuration } from "../../../lib/duration.ts";
import { tweetUrl } from "../../../render/tweet.ts";
import type { UpdateRequest } from "../../../services/incidents/index.ts";
import {
  ComponentStatusSchema,
  Duration,
  ImpactSchema,
  IncidentStatusSchema,
  iso,
  Timestamp,
  UpdateKindSchema,
} from "../schemas.ts";

const message = z.string().trim().min(1, "must not be empty").max(5000, "must be at most 5000 characters");
const updateFields = {
  message,
  impact: ImpactSchema.optional(),
  components: z
    .record(z.string(), ComponentStatusSchema)
    .optional()
    .openapi({ example: { api: "major_outage" }, description: "Component slug to the status this update gives it" }),
  eta: Timestamp.nullable()
    .optional()
    .openapi({ description: "When service should be back; null says honestly that it is unknown; omit to keep" }),
  next_update_in: Duration.optional().openapi({
    description: "When the next update will come, from now (PT1M to PT24H)",
  }),
  next_update_at: Timestamp.optional().openapi({ description: "When the next update will come (at most 24 h ahead)" }),
  notify: z
    .strictObject({ twitter: z.boolean().optional(), email: z.boolean().optional(), webhook: z.boolean().optional() })
    .optional()
    .openapi({ description: "Channels to tell; each defaults to true" }),
  tweet: z.string().trim().min(1, "must not be empty").max(1000, "must be at most 1000 characters").optional().openapi({
    description:
      "Your own text for the X post instead of the generated one (like Statuspage's custom_tweet); the incident link is added. At most 280 weighted characters with the link (a public URL counts 23; CJK and emoji count 2).",
  }),
};

export const DeclareIncidentSchema = z
  .strictObject({
    title: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    status: z.enum(openStatuses).optional(),
    ...updateFields,
  })
  .openapi("DeclareIncident");

export const PostUpdateSchema = z
  .strictObject({ status: IncidentStatusSchema.optional(), ...updateFields })
  .openapi("PostIncidentUpdate");

/** Maps a validated body to the service's request, with times as Dates. */
export function toUpdateRequest(body: z.infer<typeof PostUpdateSchema>): UpdateRequest {
  return {
    message: body.message,
    status: body.status,
    impact: body.impact,
    eta: body.eta === undefined ? undefined : body.eta === null ? null : new Date(body.eta),
    nextUpdateInMs: body.next_update_in === undefined ? undefined : (parseDuration(body.next_update_in) as number),
    nextUpdateAt: body.next_update_at === undefined ? undefined : new Date(body.next_update_at),
    components: body.components,
    notify: body.notify,
    tweet: body.tweet,
  };
}

const AffectedComponentSchema = z.object({ slug: z.string(), name: z.string(), status: ComponentStatusSchema });

export const IncidentUpdateSchema = z
  .object({
    id: z.string(),
    status: IncidentStatusSchema,
    impact: ImpactSchema,
    message: z.string(),
    eta: Timestamp.nullable(),
    next_update_due_at: Timestamp.nullable(),
    author: z.string(),
    kind: UpdateKindSchema,
    components: z.record(z.string(), ComponentStatusSchema),
    notify: z.object({ twitter: z.boolean(), email: z.boolean(), webhook: z.boolean() }),
    promise_outcome: z
      .enum(["kept_by_engineer", "kept_by_machine", "missed"])
      .nullable()
      .openapi({ description: "How this update's next-update promise turned out; null while pending" }),
    late_by_seconds: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "For automatic updates: how long after the promised time it went out" }),
    tweet_id: z.string().nullable().openapi({ description: "The X post that carried this update, once published" }),
    created_at: Timestamp,
  })
  .openapi("IncidentUpdate");

export const PromiseRecordSchema = z
  .object({
    eta: z.object({
      made: z.number().int(),
      met: z.number().int(),
      missed: z.number().int(),
      pending: z.number().int(),
    }),
    next_update: z.object({
      made: z.number().int(),
      kept_by_engineers: z.number().int(),
      kept_by_machine: z.number().int(),
      missed: z.number().int(),
      pending: z.number().int(),
    }),
  })
  .openapi("PromiseRecord");

export const EtaRevisionSchema = z
  .object({
    id: z.string(),
    update_id: z.string(),
    previous_eta: Timestamp.nullable(),
    eta: Timestamp.nullable(),
    promised_at: Timestamp,
    outcome: z.enum(["met", "missed", "revised", "withdrawn", "closed"]).nullable(),
    settled_at: Timestamp.nullable(),
    missed_by_seconds: z.number().int().nullable(),
  })
  .openapi("EtaRevision");

const incidentFields = {
  id: z.string(),
  title: z.string(),
  status: IncidentStatusSchema,
  impact: ImpactSchema,
  started_at: Timestamp,
  resolved_at: Timestamp.nullable(),
  eta: Timestamp.nullable(),
  next_update_due_at: Timestamp.nullable(),
  created_by: z.string(),
  updated_at: Timestamp,
  url: z.string(),
  twitter_thread_url: z
    .string()
    .nullable()
    .openapi({ description: "The incident's thread on X, once its first post is published" }),
  components: z.array(AffectedComponentSchema),
};

export const IncidentSchema = z
  .object({
    ...incidentFields,
    updates: z.array(IncidentUpdateSchema),
    eta_revisions: z.array(EtaRevisionSchema),
    promises: PromiseRecordSchema,
  })
  .openapi("Incident");

export const IncidentSummarySchema = z
  .object({ ...incidentFields, latest_update: IncidentUpdateSchema.nullable() })
  .openapi("IncidentSummary");

type Json<T extends z.ZodType> = z.infer<T>;

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
    notify: u.notify,
    promise_outcome: u.promiseOutcome as Json<typeof IncidentUpdateSchema>["promise_outcome"],
    late_by_seconds: u.lateBySeconds,
    tweet_id: u.tweetId,
    created_at: u.createdAt.toISOString(),
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
    status: i.status as Json<typeof IncidentStatusSchema>,
    impact: i.impact as Json<typeof ImpactSchema>,
    started_at: i.startedAt.toISOString(),
    resolved_at: iso(i.resolvedAt),
    eta: iso(i.eta),
    next_update_due_at: iso(i.nextUpdateDueAt),
    created_by: i.createdBy,
    updated_at: i.updatedAt.toISOString(),
    url: `${publicUrl}/incidents/${i.id}`,
    twitter_thread_url: i.twitterThreadRootId ? tweetUrl(i.twitterThreadRootId) : null,
    components: i.components.map((c: AffectedComponent) => ({
      slug: c.slug,
      name: c.name,
      status: c.status as Json<typeof ComponentStatusSchema>,
    })),
  };
}

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

export function incidentSummaryJson(i: IncidentSummary, publicUrl: string): Json<typeof IncidentSummarySchema> {
  return { ...baseJson(i, publicUrl), latest_update: i.latestUpdate ? updateJson(i.latestUpdate) : null };
}
