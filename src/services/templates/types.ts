import type { incidentTemplates } from "../../db/schema/index.ts";
import type { ComponentStatus, Impact } from "../../domain/components.ts";
import type { IncidentStatus } from "../../domain/incidents.ts";

export type Template = typeof incidentTemplates.$inferSelect;

/** A template as callers give it: components by slug, the interval in milliseconds. */
export type TemplateInput = {
  name: string;
  title?: string | null;
  message: string;
  status?: IncidentStatus | null;
  impact?: Impact | null;
  components?: Record<string, ComponentStatus>;
  nextUpdateInMs?: number | null;
};

/** Fields left out keep their value; null clears an optional one. */
export type TemplatePatch = Partial<TemplateInput>;
