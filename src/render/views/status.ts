import type { ComponentStatus, Impact } from "../../domain/components.ts";

const statusWords: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
};

/** A shape beside every status word, so nothing is told by colour alone. */
export const statusIcons: Record<ComponentStatus, string> = {
  operational: "✓",
  degraded_performance: "▲",
  partial_outage: "◆",
  major_outage: "✕",
  under_maintenance: "◷",
};

/** How an impact (or maintenance) is marked on a page: its words, its CSS class and its shape. */
export type ImpactView = { label: string; cls: string; icon: string };

/** Incident impact in the words of the component status it stands for (Statuspage's mapping). */
export const impactViews: Record<Impact, ImpactView> = {
  none: { label: "No impact", cls: "muted", icon: "○" },
  minor: { label: "Minor impact", cls: "s-degraded_performance", icon: "▲" },
  major: { label: "Partial outage", cls: "s-partial_outage", icon: "◆" },
  critical: { label: "Major outage", cls: "s-major_outage", icon: "✕" },
};

/** Planned work, whatever its status: it is not an outage, so it gets its own mark rather than an impact. */
export const maintenanceMark: ImpactView = {
  label: "Maintenance",
  cls: "s-under_maintenance",
  icon: statusIcons.under_maintenance,
};

/**
 * A component status as the page shows it: the word and the shape beside it,
 * so it never depends on colour; unknown statuses pass through as they are.
 *
 * @example statusView("major_outage") // { status: "major_outage", statusLabel: "Major outage", icon: "✕" }
 */
export const statusView = (status: string) => ({
  status,
  statusLabel: statusWords[status as ComponentStatus] ?? status,
  icon: statusIcons[status as ComponentStatus] ?? "",
});
