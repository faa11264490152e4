import { z } from "@hono/zod-openapi";
import type { IncidentDetail, IncidentSummary } from "../../../db/models.ts";
import { maintenanceStatuses, maxRemindBeforeMs, workingStatuses } from "../../../domain/maintenance.ts";
import { parseDuration } from "../../../lib/duration.ts";
import { tweetUrl } from "../../../render/tweet.ts";
import type {
  CloseRequest,
  EditRequest,
  ProgressRequest,
  ScheduleRequest,
} from "../../../services/maintenances/index.ts";
import { IncidentUpdateSchema, PromiseRecordSchema, updateJson } from "../incidents/schema.ts";
import { ComponentStatusSchema, Duration, iso, Slug, Timestamp } from "../schemas.ts";

const title = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const message = z.string().trim().min(1, "must not be empty").max(5000, "must be at most 5000 characters");
const notify = z
  .strictObject({ twitter: z.boolean().optional(), email: z.boolean().optional(), webhook: z.boolean().optional() })
  .optional()
  .openapi({ description: "Channels to tell; each defaults to true" });
const tweet = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(1000, "must be at most 1000 characters")
  .optional()
  .openapi({ description: "Your own text for the X post; the link is added (280 weighted characters in all)" });
const components = z
  .array(Slug)
  .max(100, "must name at most 100 components")
  .openapi({ example: ["api"], description: "Slugs of the components the work takes down" });
const remindBefore = Duration.refine((v) => (parseDuration(v) as number) <= maxRemindBeforeMs, "must be at most P7D")
  .nullable()
  .optional()
  .openapi({
    example: "PT1H",
    description: "How long before starts_at to post a reminder on every channel (default PT1H); PT0S or null for none",
  });
const allowPeakHours = z.boolean().optional().openapi({
  description:
    "Schedule the window even though it overlaps PEAK_HOURS (otherwise 409 with the nearest off-peak window); recorded in the audit log",
});

export const ScheduleMaintenanceSchema = z
  .strictObject({
    title,
    message,
    components,
    starts_at: Timestamp,
    ends_at: Timestamp,
    notify,
    remind_before: remindBefore,
    allow_peak_hours: allowPeakHours,
    tweet,
  })
  .openapi("ScheduleMaintenance");

export const EditMaintenanceSchema = z
  .strictObject({
    title: title.optional(),
    message: message.optional().openapi({ description: "Posted as an update on every channel" }),
    components: components.optional(),
    starts_at: Timestamp.optional(),
    ends_at: Timestamp.optional(),
    remind_before: remindBefore,
    allow_peak_hours: allowPeakHours,
    notify,
    tweet,
  })
  .openapi("EditMaintenance");

export const MaintenanceUpdateSchema = z
  .strictObject({ message, status: z.enum(workingStatuses).optional(), notify, tweet })
  .openapi("PostMaintenanceUpdate");

export const CloseMaintenanceSchema = z
  .strictObject({ message: message.optional(), notify, tweet })
  .openapi("CloseMaintenance");

const remindMs = (v: string | null | undefined) => {
  if (v === undefined) return undefined;
  const ms = v === null ? 0 : (parseDuration(v) as number);
  return ms === 0 ? null : ms;
};
const date = (v: string | undefined) => (v === undefined ? undefined : new Date(v));

export function toScheduleRequest(b: z.infer<typeof ScheduleMaintenanceSchema>): ScheduleRequest {
  return {
    title: b.title,
    message: b.message,
    components: b.components,
    startsAt: new Date(b.starts_at),
    endsAt: new Date(b.ends_at),
    notify: b.notify,
    remindBeforeMs: remindMs(b.remind_before),
    allowPeakHours: b.allow_peak_hours,
    tweet: b.tweet,
  };
}

export function toEditRequest(b: z.infer<typeof EditMaintenanceSchema>): EditRequest {
  return {
    title: b.title,
    message: b.message,
    components: b.components,
    startsAt: date(b.starts_at),
    endsAt: date(b.ends_at),
    remindBeforeMs: remindMs(b.remind_before),
    allowPeakHours: b.allow_peak_hours,
    notify: b.notify,
    tweet: b.tweet,
  };
}

export const toProgressRequest = (b: z.infer<typeof MaintenanceUpdateSchema>): ProgressRequest => b;
export const toCloseRequest = (b: z.infer<typeof CloseMaintenanceSchema> | undefined): CloseRequest => b ?? {};

const fields = {
  id: z.string(),
  title: z.string(),
  status: z.enum(maintenanceStatuses),
  starts_at: Timestamp.openapi({ description: "The announced start" }),
  ends_at: Timestamp.openapi({ description: "The announced end (moved by PATCH)" }),
  started_at: Timestamp.nullable().openapi({ description: "When the work actually started; null while scheduled" }),
  completed_at: Timestamp.nullable().openapi({ description: "When it was completed or cancelled" }),
  remind_before: z.string().nullable().openapi({ description: "ISO 8601 duration; null for no reminder" }),
  reminded_at: Timestamp.nullable(),
  expected_end: Timestamp.nullable().openapi({
    description: "While the work goes on: when it should be done; null once the planned end passed with no new one",
  }),
  next_update_due_at: Timestamp.nullable(),
  allow_peak_hours: z.boolean(),
  created_by: z.string(),
  updated_at: Timestamp,
  url: z.string(),
  twitter_thread_url: z.string().nullable(),
  components: z.array(z.object({ slug: z.string(), name: z.string(), status: ComponentStatusSchema })),
};

const UpdateEntrySchema = IncidentUpdateSchema.extend({ status: z.enum(maintenanceStatuses) }).openapi(
  "MaintenanceUpdate",
);
type UpdateEntry = z.infer<typeof UpdateEntrySchema>;
const entryJson = (u: Parameters<typeof updateJson>[0]) => updateJson(u) as unknown as UpdateEntry;

export const MaintenanceSchema = z
  .object({ ...fields, updates: z.array(UpdateEntrySchema), promises: PromiseRecordSchema })
  .openapi("Maintenance");
export const MaintenanceSummarySchema = z
  .object({ ...fields, latest_update: UpdateEntrySchema.nullable() })
  .openapi("MaintenanceSummary");

const isoDuration = (ms: number | null) => (ms === null ? null : `PT${Math.round(ms / 1000)}S`);

function baseJson(m: IncidentSummary | IncidentDetail, publicUrl: string) {
  return {
    id: m.id,
    title: m.title,
    status: m.status as z.infer<typeof fields.status>,
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

export function maintenanceSummaryJson(
  m: IncidentSummary,
  publicUrl: string,
): z.infer<typeof MaintenanceSummarySchema> {
  return { ...baseJson(m, publicUrl), latest_update: m.latestUpdate ? entryJson(m.latestUpdate) : null };
}
