import type { UpdatePlan } from "../../domain/incidents.ts";
import type { MaintenanceStatus } from "../../domain/maintenance.ts";

/** The update plan for a maintenance step: the shared update core takes the incident's shape. */
export function maintenancePlan(
  status: MaintenanceStatus,
  kind: UpdatePlan["kind"],
  fields: Partial<Pick<UpdatePlan, "eta" | "etaChanged" | "nextUpdateDueAt" | "resolvedAt">> = {},
): UpdatePlan {
  return {
    // The plan's status type is the incident's; the column holds either kind's.
    status: status as UpdatePlan["status"],
    impact: "none",
    eta: fields.eta ?? null,
    etaChanged: fields.etaChanged ?? false,
    nextUpdateDueAt: fields.nextUpdateDueAt ?? null,
    resolvedAt: fields.resolvedAt ?? null,
    kind,
  };
}
