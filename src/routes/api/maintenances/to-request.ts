import type { z } from "@hono/zod-openapi";
import { parseDuration } from "../../../lib/duration.ts";
import type {
  CloseRequest,
  EditRequest,
  ProgressRequest,
  ScheduleRequest,
} from "../../../services/maintenances/index.ts";
import type {
  CloseMaintenanceSchema,
  EditMaintenanceSchema,
  MaintenanceUpdateSchema,
  ScheduleMaintenanceSchema,
} from "./schema/request.ts";

const remindMs = (v: string | null | undefined) => {
  if (v === undefined) return undefined;
  const ms = v === null ? 0 : (parseDuration(v) as number);
  return ms === 0 ? null : ms;
};
const date = (v: string | undefined) => (v === undefined ? undefined : new Date(v));

/** Maps a validated schedule body to the service's request: Dates, and PT0S or null as "no reminder". */
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

/** Maps a validated edit body to the service's request; an omitted field stays undefined, meaning "keep". */
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
