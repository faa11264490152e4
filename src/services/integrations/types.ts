import type { AlertMapping } from "../../domain/alerts.ts";
import type { ComponentStatus } from "../../domain/components.ts";

/** Where alerts come from; part of each alert's identity beside its fingerprint. */
export type AlertSource = "alertmanager" | "grafana";

/** One alert as either sender gives it, already validated. */
export type IncomingAlert = {
  fingerprint: string;
  state: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt?: Date;
};

/** One notification: a group of alerts, and the mappings of the key and the request (the request's wins). */
export type AlertBatch = {
  source: AlertSource;
  groupKey: string;
  alerts: IncomingAlert[];
  keyMapping?: AlertMapping | null;
  queryMapping?: AlertMapping;
};

/** What became of each alert and component: the response says it all, so a sender's operator can see why. */
export type AlertReport = {
  applied: { fingerprint: string; component: string; alert: "firing" | "resolved"; status: ComponentStatus | "none" }[];
  unchanged: { fingerprint: string; component: string; reason: "repeat" | "out_of_order" }[];
  unknown: { fingerprint: string; component: string | null; reason: string }[];
  components: { component: string; from: string; to: ComponentStatus }[];
  declared: { fingerprint: string; template: string; incident_id: string }[];
  not_declared: { fingerprint: string; template: string; reason: string }[];
};
