import type { EtaRevision, IncidentSummary } from "../../db/models.ts";
import { statusLabel } from "../../domain/maintenance.ts";
import { describeDuration } from "../../domain/promises.ts";
import { type PromiseView, promiseView } from "./promise.ts";
import { type ImpactView, maintenanceMark } from "./status.ts";
import { type TimeView, timeView } from "./times.ts";
import { kindLabel } from "./update-kinds.ts";

/** Planned maintenance as `/` shows it: upcoming or under way, with its window and latest word. */
export type MaintenanceView = {
  id: string;
  title: string;
  /** "Scheduled maintenance", "Maintenance in progress", "Verifying maintenance". */
  statusLabel: string;
  mark: ImpactView;
  /** The announced window; the end names its date only when it is another day. */
  starts: TimeView;
  ends: TimeView;
  components: string[];
  latest: { message: string; promise: string | null; kind: string; at: TimeView } | null;
  /**
   * Set while the work runs past its planned end: the page says so plainly,
   * with the live promise (no new finish time yet, next update by), in place
   * of the latest update's promise, which named the end that passed.
   */
  overrun: PromiseView | null;
};

/**
 * True while the work is under way (in progress or verifying), as opposed to upcoming.
 *
 * @example working("verifying") // true
 */
export const working = (status: string) => status === "in_progress" || status === "verifying";

/**
 * The live promise of a maintenance running past its planned end, or null
 * when it is not: the planned end said plainly as passed, then what comes next.
 */
function overrunView(m: IncidentSummary, ledger: EtaRevision[], now: Date, tz: string): PromiseView | null {
  const end = m.scheduledUntil;
  if (!working(m.status) || !end || end.getTime() > now.getTime()) return null;
  const view = promiseView(m, ledger, now, tz) ?? { maintenance: true };
  view.missed ??= { eta: timeView(end, tz, now), ago: describeDuration(now.getTime() - end.getTime()) };
  return view;
}

/**
 * One open maintenance's card on `/`: its window, its latest word and, once
 * it runs past its planned end, the overrun said plainly.
 *
 * @example maintenanceCard(m, ledger, now, "UTC").overrun?.missed?.ago // "25 minutes"
 */
export function maintenanceCard(m: IncidentSummary, ledger: EtaRevision[], now: Date, tz: string): MaintenanceView {
  const starts = m.scheduledFor ?? m.startedAt;
  const ends = m.scheduledUntil ?? starts;
  const overrun = overrunView(m, ledger, now, tz);
  const u = m.latestUpdate;
  return {
    id: m.id,
    title: m.title,
    statusLabel: statusLabel(m.status),
    mark: maintenanceMark,
    starts: timeView(starts, tz),
    ends: timeView(ends, tz, starts),
    components: m.components.map((x) => x.name),
    latest: u
      ? {
          message: u.body,
          promise: overrun ? null : u.promise,
          kind: kindLabel(u.kind, true),
          at: timeView(u.createdAt, tz, now),
        }
      : null,
    overrun,
  };
}
