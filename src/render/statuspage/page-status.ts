import { type ComponentStatus, type Impact, impactFromStatus, overallStatus } from "../../domain/components.ts";

/** Statuspage's page indicator; "maintenance" when maintenance is the worst thing going on. */
export type Indicator = "none" | "minor" | "major" | "critical" | "maintenance";

/** Statuspage's wording for each page indicator. */
export const indicatorDescriptions: Record<Indicator, string> = {
  none: "All Systems Operational",
  minor: "Minor Service Outage",
  major: "Partial System Outage",
  critical: "Major System Outage",
  maintenance: "Service Under Maintenance",
};

/**
 * The page indicator as Statuspage derives it: the worst of component
 * statuses and open incidents' impacts; maintenance only when nothing is worse.
 *
 * @example pageStatus(["operational"], ["major"]) // { indicator: "major", description: "Partial System Outage" }
 */
export function pageStatus(
  componentStatuses: ComponentStatus[],
  openIncidentImpacts: Impact[],
): { indicator: Indicator; description: string } {
  const { status } = overallStatus(componentStatuses, openIncidentImpacts);
  const indicator: Indicator = status === "under_maintenance" ? "maintenance" : impactFromStatus(status);
  return { indicator, description: indicatorDescriptions[indicator] };
}
