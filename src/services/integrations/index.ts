/**
 * Alerts in: Alertmanager and Grafana notifications set component statuses
 * and may declare incidents from templates (README, Alerts in). One verb per
 * file; every status write goes through setComponentStatus.
 */
export { receiveAlerts } from "./receive-alerts.ts";
export { type AlertCause, setComponentStatus } from "./set-component-status.ts";
export type { AlertBatch, AlertReport, AlertSource, IncomingAlert } from "./types.ts";
