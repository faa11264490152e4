import type { StatuspageIncident } from "./incident.ts";
import { type IncidentWithUpdates, type ShapeOptions, shapeIncident } from "./shape-incident.ts";

/** Statuspage's maintenance statuses; Candor's "cancelled" has none (see statuspageMaintenanceStatus). */
export type StatuspageMaintenanceStatus = "scheduled" | "in_progress" | "verifying" | "completed";

/** A scheduled maintenance in Statuspage's shape: an incident with a window and maintenance statuses. */
export type StatuspageScheduledMaintenance = Omit<StatuspageIncident, "status"> & {
  status: StatuspageMaintenanceStatus;
  scheduled_for: string;
  scheduled_until: string;
};

/**
 * A maintenance status (of the maintenance or of one of its updates) as
 * Statuspage can say it. Statuspage has no "cancelled": its clients know only
 * scheduled, in_progress, verifying and completed, so a cancelled maintenance
 * is told as "completed", and its last update (kind "cancelled", body "This
 * maintenance has been cancelled. The work planned for ... will not take
 * place") says what really happened. Clients that read only the status see a
 * maintenance that is over, which is true: nothing more will happen.
 *
 * @example statuspageMaintenanceStatus("cancelled") // "completed"
 */
export function statuspageMaintenanceStatus(status: string): StatuspageMaintenanceStatus {
  switch (status) {
    case "scheduled":
    case "in_progress":
    case "verifying":
      return status;
    default:
      return "completed";
  }
}

/** The impact Statuspage gives every maintenance, whatever it is stored as. */
export const maintenanceImpact = "maintenance";

/**
 * A maintenance as it stands now: Statuspage's statuses, impact "maintenance", created when announced.
 *
 * @example shapeMaintenance(m, opts).scheduled_for // "2026-11-24T02:00:00.000+00:00"
 */
export function shapeMaintenance(m: IncidentWithUpdates, opts: ShapeOptions): StatuspageScheduledMaintenance {
  const { status: _status, ...incident } = shapeIncident(m, opts);
  return {
    ...incident,
    status: statuspageMaintenanceStatus(m.status),
    impact: maintenanceImpact,
    incident_updates: incident.incident_updates.map((u) => ({ ...u, status: statuspageMaintenanceStatus(u.status) })),
    scheduled_for: opts.time(m.scheduledFor ?? m.startedAt),
    scheduled_until: opts.time(m.scheduledUntil ?? m.startedAt),
  };
}
