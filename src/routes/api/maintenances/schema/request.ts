import { z } from "@hono/zod-openapi";
import { maxRemindBeforeMs, workingStatuses } from "../../../../domain/maintenance.ts";
import { parseDuration } from "../../../../lib/duration.ts";
import { Duration, Slug, Timestamp } from "../../schemas.ts";

const title = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const message = z.string().trim().min(1, "must not be empty").max(5000, "must be at most 5000 characters");
const notify = z
  .strictObject({
    twitter: z.boolean().optional(),
    email: z.boolean().optional(),
    webhook: z.boolean().optional(),
    chat: z.boolean().optional(),
  })
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
