export const componentStatuses = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
] as const;
export type ComponentStatus = (typeof componentStatuses)[number];

export const impacts = ["none", "minor", "major", "critical"] as const;
export type Impact = (typeof impacts)[number];

/** How bad a status is for customers; maintenance is planned, so it ranks below any outage. */
const severity: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** The worst of several component statuses, or operational when there are none. */
export function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = "operational";
  for (const s of statuses) if (severity[s] > severity[worst]) worst = s;
  return worst;
}

/** The incident impact implied by the components it affects (Statuspage's mapping). */
export function impactFromStatus(status: ComponentStatus): Impact {
  switch (status) {
    case "major_outage":
      return "critical";
    case "partial_outage":
      return "major";
    case "degraded_performance":
      return "minor";
    default:
      return "none";
  }
}

export function maxImpact(a: Impact, b: Impact): Impact {
  return impacts.indexOf(a) >= impacts.indexOf(b) ? a : b;
}

const bannerLabels: Record<ComponentStatus, string> = {
  operational: "All Systems Operational",
  degraded_performance: "Degraded Performance",
  partial_outage: "Partial Outage",
  major_outage: "Major Outage",
  under_maintenance: "Under Maintenance",
};

const statusFromImpact: Record<Impact, ComponentStatus> = {
  none: "operational",
  minor: "degraded_performance",
  major: "partial_outage",
  critical: "major_outage",
};

/**
 * The page's overall banner: the worst component status, made no better than
 * open incidents' impact, so an incident that names no component still shows.
 */
export function overallStatus(
  componentLevels: ComponentStatus[],
  openIncidentImpacts: Impact[],
): { status: ComponentStatus; label: string } {
  const status = worstStatus([...componentLevels, ...openIncidentImpacts.map((i) => statusFromImpact[i])]);
  return { status, label: bannerLabels[status] };
}
