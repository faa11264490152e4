import type { IncidentStatus } from "../../domain/incidents.ts";
import type { MaintenanceStatus } from "../../domain/maintenance.ts";
import { render } from "../index.ts";
import { formatTime } from "../time.ts";
import { lateText } from "./late.ts";

const statusPhrases: Record<IncidentStatus | MaintenanceStatus, string> = {
  investigating: "investigating the cause",
  identified: "working on a fix for the cause we found",
  monitoring: "monitoring the fix to make sure it holds",
  resolved: "resolved",
  scheduled: "preparing the maintenance",
  in_progress: "carrying out the maintenance",
  verifying: "checking that everything works after the maintenance",
  completed: "done with the maintenance",
  cancelled: "not going ahead with the maintenance",
};

/** Four ways to open a holding update, taken in turn, so consecutive ones never read the same. */
const openings = [
  "text/holding/opening/no-new-information",
  "text/holding/opening/nothing-new",
  "text/holding/opening/no-change",
  "text/holding/opening/no-news",
] as const;

/**
 * The words of a holding update: no progress claimed, the status and ETA
 * restated, the next promise given. `variant` and the "as of" time make every
 * holding update's text differ from the last (X refuses duplicates).
 */
export function holdingText(facts: {
  status: IncidentStatus | MaintenanceStatus;
  eta: Date | null;
  nextUpdateDueAt: Date;
  now: Date;
  lateByMs: number;
  variant: number;
  timeZone: string;
  /** True for a maintenance past its planned end: no "fix", a finish time. */
  maintenance?: boolean;
}): string {
  const tz = facts.timeZone;
  const opening = render(openings[facts.variant % openings.length], {
    statusPhrase: statusPhrases[facts.status],
  }).trim();
  return render(facts.maintenance ? "text/holding/maintenance" : "text/holding/incident", {
    opening,
    late: lateText(facts.lateByMs),
    eta: facts.eta ? formatTime(facts.eta, tz) : null,
    next: formatTime(facts.nextUpdateDueAt, tz),
    now: formatTime(facts.now, tz),
  }).trim();
}
