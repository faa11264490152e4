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

export const GrafanaAlertSchema = z
  .looseObject({
    ...alert,
    values: z.record(z.string(), z.unknown()).nullable().optional(),
    valueString: z.string().optional(),
    silenceURL: z.string().optional(),
    dashboardURL: z.string().optional(),
    panelURL: z.string().optional(),
  })
  .openapi("GrafanaAlert");

/** Grafana alerting's webhook contact point payload (version "1"): Alertmanager's, plus Grafana's own fields. */
export const GrafanaPayloadSchema = z
  .looseObject({
    version: z.string().max(20),
    ...group,
    orgId: z.number().int().optional(),
    title: z.string().optional(),
    state: z.string().optional(),
    message: z.string().optional(),
    alerts: z.array(GrafanaAlertSchema).max(2000),
  })
  .openapi("GrafanaPayload");

export const AlertQuerySchema = z.object({
  component_label: LabelName.optional().openapi({
    param: { name: "component_label", in: "query" },
    description:
      "The label naming the component's slug, over the key's mapping and CANDOR_ALERT_COMPONENT_LABEL. Severities map with `severity.<name>=<status or none>`, such as `severity.critical=partial_outage`.",
  }),
});

const fingerprint = z.string();
export const AlertReportSchema = z
  .object({
    applied: z.array(
      z.object({
        fingerprint,
        component: z.string(),
        alert: State,
        status: SeverityTargetSchema,
      }),
    ),
    unchanged: z.array(z.object({ fingerprint, component: z.string(), reason: z.enum(["repeat", "out_of_order"]) })),
    unknown: z.array(z.object({ fingerprint, component: z.string().nullable(), reason: z.string() })),
    components: z.array(z.object({ component: z.string(), from: z.string(), to: ComponentStatusSchema })),
    declared: z.array(z.object({ fingerprint, template: z.string(), incident_id: z.string() })),
    not_declared: z.array(z.object({ fingerprint, template: z.string(), reason: z.string() })),
  })
  .openapi("AlertReport");
