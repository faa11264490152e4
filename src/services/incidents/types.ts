import type { NotifyFlags } from "../../db/schema/index.ts";
import type { BackfillUpdate } from "../../domain/backfill.ts";
import type { ComponentStatus, Impact } from "../../domain/components.ts";
import type { IncidentStatus } from "../../domain/incidents.ts";

export type UpdateRequest = {
  message: string;
  status?: IncidentStatus;
  impact?: Impact;
  eta?: Date | null;
  nextUpdateInMs?: number;
  nextUpdateAt?: Date;
  components?: Record<string, ComponentStatus>;
  notify?: Partial<NotifyFlags>;
  /** Engineers' own wording for X (the link is added); validated against the limit by the API. */
  tweet?: string;
  /** The template the request was filled from, by name (kept in the audit log). */
  template?: string;
};
export type DeclareRequest = UpdateRequest & { title: string };
/** An update to post, and the incident it goes on. */
export type PostUpdateRequest = UpdateRequest & { incidentId: string };
/** A past incident to record: its words, the components it affected (with the status it gave them) and its times. */
export type BackfillRequest = {
  title: string;
  impact?: Impact;
  components?: Record<string, ComponentStatus>;
  startedAt: Date;
  resolvedAt: Date;
  /** Oldest first; the last one resolved, at resolvedAt. */
  updates: BackfillUpdate[];
};
