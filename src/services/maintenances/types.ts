import type { IncidentDetail } from "../../db/models.ts";
import type { UpdateRequest } from "../incidents/types.ts";

export type MaintenanceDetail = IncidentDetail;
export type Notify = UpdateRequest["notify"];

export type ScheduleRequest = {
  title: string;
  message: string;
  components: string[];
  startsAt: Date;
  endsAt: Date;
  notify?: Notify;
  /** null: no reminder; undefined: the default (one hour). */
  remindBeforeMs?: number | null;
  allowPeakHours?: boolean;
  tweet?: string;
};

export type EditRequest = {
  title?: string;
  /** Posted as an update to every channel (with the rescheduling, when the window moves too). */
  message?: string;
  components?: string[];
  startsAt?: Date;
  endsAt?: Date;
  remindBeforeMs?: number | null;
  allowPeakHours?: boolean;
  notify?: Notify;
  tweet?: string;
};

export type ProgressRequest = {
  message: string;
  status?: "in_progress" | "verifying";
  notify?: Notify;
  tweet?: string;
};

export type CloseRequest = { message?: string; notify?: Notify; tweet?: string };

/** A request about one maintenance: its id, with what to do. */
export type ForMaintenance<T> = T & { id: string };

export type MaintenanceState = "upcoming" | "active" | "open" | "past";
