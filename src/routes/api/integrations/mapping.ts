import { z } from "@hono/zod-openapi";
import { type AlertMapping, type SeverityTarget, severityTargets } from "../../../domain/alerts.ts";
import { AppError } from "../../../errors.ts";

/** A Prometheus label name, as Alertmanager and Grafana allow them. */
export const LabelName = z
  .string()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,99}$/, "must be a label name such as component or service")
  .openapi({ example: "service" });

export const SeverityTargetSchema = z.enum(severityTargets).openapi("SeverityTarget");

export const AlertMappingSchema = z
  .strictObject({
    component_label: LabelName.optional(),
    severities: z
      .record(z.string().min(1).max(64), SeverityTargetSchema)
      .optional()
      .openapi({ example: { critical: "partial_outage", page: "major_outage" } }),
  })
  .openapi("AlertMapping");

type MappingJson = z.infer<typeof AlertMappingSchema>;

/** The API's snake_case mapping as the domain's. */
export function mappingInput(json: MappingJson | undefined): AlertMapping | undefined {
  if (!json) return undefined;
  return { componentLabel: json.component_label, severities: json.severities };
}

/** The stored mapping as JSON (null for a key without one). */
export function mappingJson(m: AlertMapping | null): MappingJson | null {
  if (!m) return null;
  return { component_label: m.componentLabel, severities: m.severities };
}

/**
 * The mapping a request's query asks for: `component_label=service` and
 * `severity.<name>=<status or none>`, such as `severity.critical=partial_outage`.
 * A bad value is a 400 naming its parameter.
 */
export function queryMapping(query: Record<string, string>): AlertMapping {
  const mapping: AlertMapping = {};
  const problems: { field: string; message: string }[] = [];
  if (query.component_label !== undefined) {
    const label = LabelName.safeParse(query.component_label);
    if (label.success) mapping.componentLabel = label.data;
    else problems.push({ field: "component_label", message: label.error.issues[0].message });
  }
  for (const [name, value] of Object.entries(query)) {
    if (!name.startsWith("severity.")) continue;
    const severity = name.slice("severity.".length);
    if (!severity || !(severityTargets as readonly string[]).includes(value)) {
      problems.push({ field: name, message: `must be one of ${severityTargets.join(", ")}` });
      continue;
    }
    mapping.severities = { ...mapping.severities, [severity]: value as SeverityTarget };
  }
  if (problems.length) throw AppError.invalid(problems);
  return mapping;
}
