import { z } from "@hono/zod-openapi";
import { ComponentStatusSchema, Timestamp } from "../schemas.ts";
import { LabelName, SeverityTargetSchema } from "./mapping.ts";

// Other people's payloads, and they grow: unknown fields are let through
// (looseObject). Only what Candor reads is required, so its absence is a 400
// naming the field rather than an alert silently dropped.

const Labels = z.record(z.string(), z.string());
const State = z.enum(["firing", "resolved"]);

const alert = {
  status: State,
  labels: Labels,
  annotations: Labels.optional(),
  startsAt: Timestamp,
  endsAt: Timestamp.optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1, "must not be empty").max(200),
};

const group = {
  groupKey: z.string().max(4000),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: State,
  receiver: z.string().optional(),
  groupLabels: Labels.optional(),
  commonLabels: Labels.optional(),
  commonAnnotations: Labels.optional(),
  externalURL: z.string().optional(),
};

export const AlertmanagerAlertSchema = z.looseObject(alert).openapi("AlertmanagerAlert");

/** Alertmanager's webhook_config payload, version 4. */
export const AlertmanagerPayloadSchema = z
  .looseObject({
    version: z.literal("4", { error: 'must be "4" (Alertmanager\'s webhook payload version)' }),
    ...group,
    alerts: z.array(AlertmanagerAlertSchema).max(2000),
  })
  .openapi("AlertmanagerPayload");

/**
 * Grafana alerting's webhook contact point (version "1"): Alertmanager's
 * payload plus its own fields, which Candor reads none of (the per-alert
 * values and links pass as unknown fields).
 */
export const GrafanaPayloadSchema = AlertmanagerPayloadSchema.extend({
  version: z.string().max(20),
  orgId: z.number().optional(),
  title: z.string().optional(),
  state: z.string().optional(),
  message: z.string().optional(),
}).openapi("GrafanaPayload");

export const AlertQuerySchema = z.object({
  component_label: LabelName.optional().openapi({
    param: { name: "component_label", in: "query" },
    description: "Also `severity.<name>=<status or none>`",
  }),
});

/** A list of what became of alerts, each named by its fingerprint. */
const about = <T extends z.ZodRawShape>(shape: T) => z.array(z.object({ fingerprint: z.string(), ...shape }));
const reason = z.string();
export const AlertReportSchema = z
  .object({
    applied: about({ component: z.string(), alert: State, status: SeverityTargetSchema }),
    unchanged: about({ component: z.string(), reason: z.enum(["repeat", "out_of_order"]) }),
    unknown: about({ component: z.string().nullable(), reason }),
    components: z.array(z.object({ component: z.string(), from: z.string(), to: ComponentStatusSchema })),
    declared: about({ template: z.string(), incident_id: z.string() }),
    not_declared: about({ template: z.string(), reason }),
  })
  .openapi("AlertReport");
