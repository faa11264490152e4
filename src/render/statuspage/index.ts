// Statuspage's v2 shapes, shared by the public JSON API (/api/v2/*.json) and
// the webhook payloads, so both read the same to clients written for Statuspage.
export { type ComponentRow, groupIdOf, type StatuspageComponent, statuspageComponents } from "./components.ts";
export { type StatuspageEndpoint, type StatuspagePage, statuspageEndpoints } from "./endpoints.ts";
export {
  type IncidentFacts,
  type StatuspageIncident,
  type StatuspageIncidentUpdate,
  statuspageIncident,
  statuspageIncidentUpdate,
} from "./incident.ts";
export {
  maintenanceImpact,
  type StatuspageMaintenanceStatus,
  type StatuspageScheduledMaintenance,
  shapeMaintenance,
  statuspageMaintenanceStatus,
} from "./maintenance.ts";
export { type Indicator, indicatorDescriptions, pageStatus } from "./page-status.ts";
export { type StatuspageRecord, statuspageRecord } from "./record.ts";
export { type ReplayedUpdate, replayIncident, type StatuspageAffectedComponent } from "./replay.ts";
export { type IncidentWithUpdates, type ShapeOptions, shapeIncident } from "./shape-incident.ts";
export { pageIdOf, statuspageTime, type TimeFormat } from "./time.ts";
export {
  type PageFacts,
  type WebhookComponent,
  type WebhookIncident,
  type WebhookIncidentUpdate,
  type WebhookPayload,
  type WebhookUpdate,
  webhookPayload,
} from "./webhook-payload.ts";
