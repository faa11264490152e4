import { type ComponentStatus, componentStatuses } from "./components.ts";

/** What a severity may map to: a component status, or none (the alert is recorded but moves nothing). */
export const severityTargets = [...componentStatuses, "none"] as const;
export type SeverityTarget = (typeof severityTargets)[number];

/** How alerts name their component and what their severities mean; any part left out falls through to the next layer. */
export type AlertMapping = { componentLabel?: string; severities?: Record<string, SeverityTarget> };

/** The usual Prometheus severities (README, Alerts in). */
export const defaultSeverities: Record<string, SeverityTarget> = {
  critical: "major_outage",
  warning: "degraded_performance",
  info: "none",
};

/**
 * An alert with no severity label, or one no mapping names: something is
 * wrong enough to alert on, but nobody said how bad, so the mildest outage.
 */
export const unknownSeverityStatus: ComponentStatus = "degraded_performance";

/** The mapping in force: the configured label, then the key's mapping, then the request's query (each wins over the one before). */
export function mergeMappings(
  componentLabel: string,
  ...layers: (AlertMapping | null | undefined)[]
): Required<AlertMapping> {
  const merged: Required<AlertMapping> = { componentLabel, severities: { ...defaultSeverities } };
  for (const layer of layers) {
    if (layer?.componentLabel) merged.componentLabel = layer.componentLabel;
    for (const [name, target] of Object.entries(layer?.severities ?? {}))
      merged.severities[name.toLowerCase()] = target;
  }
  return merged;
}

/**
 * The status a firing alert of this severity asks for; null for none.
 * Severities compare case-blind: Critical and critical are one.
 *
 * @example statusForSeverity(mergeMappings("component"), "warning") // "degraded_performance"
 */
export function statusForSeverity(mapping: Required<AlertMapping>, severity: string | null): ComponentStatus | null {
  const target = severity === null ? undefined : mapping.severities[severity.toLowerCase()];
  if (target === "none") return null;
  return target ?? unknownSeverityStatus;
}

/** What a notification about an already-known alert does: change it, repeat it, or arrive too late to count. */
export type AlertArrival = "change" | "repeat" | "out_of_order";

type AlertState = { state: "firing" | "resolved"; startsAt: Date; componentId: string; status: string | null };

/**
 * Compares a notification with the stored alert. Senders repeat a group on
 * every repeat_interval and may deliver out of order: a notification about an
 * older start, or a firing one after that same start was resolved, is late
 * and must not undo what is known.
 */
export function alertArrival(stored: AlertState | null, incoming: AlertState): AlertArrival {
  if (!stored) return "change";
  const storedStart = stored.startsAt.getTime();
  const start = incoming.startsAt.getTime();
  if (start < storedStart) return "out_of_order";
  if (start === storedStart && stored.state === "resolved" && incoming.state === "firing") return "out_of_order";
  const same =
    start === storedStart &&
    stored.state === incoming.state &&
    stored.componentId === incoming.componentId &&
    stored.status === incoming.status;
  return same ? "repeat" : "change";
}

/** Alertmanager and Grafana write a firing alert's endsAt as Go's zero time (or leave it out): no end yet. */
export function endOf(endsAt: Date | undefined): Date | null {
  return endsAt && endsAt.getUTCFullYear() > 1970 ? endsAt : null;
}
