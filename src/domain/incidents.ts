import { AppError, type FieldProblem } from "../errors.ts";
import { type ComponentStatus, type Impact, impactFromStatus, maxImpact, worstStatus } from "./components.ts";

export const openStatuses = ["investigating", "identified", "monitoring"] as const;
export const incidentStatuses = [...openStatuses, "resolved"] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** Each status as customers read it, on every channel and page. */
export const incidentStatusWords: Record<IncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

export const updateKinds = [
  "manual",
  "holding",
  "eta_missed",
  "resolved",
  // Scheduled maintenance (src/domain/maintenance.ts).
  "announced",
  "reminder",
  "rescheduled",
  "started",
  "completed",
  "cancelled",
] as const;
export type UpdateKind = (typeof updateKinds)[number];

/** An ETA further out than this is not an estimate anyone can stand behind. */
export const maxEtaAheadMs = 30 * 86_400_000;
/** Quieting holding updates is allowed, but never for more than a day. */
export const maxNextUpdateAheadMs = 86_400_000;
export const minNextUpdateAheadMs = 60_000;

export type UpdateInput = {
  status?: IncidentStatus;
  impact?: Impact;
  /** undefined keeps the current ETA; null says honestly that there is none. */
  eta?: Date | null;
  nextUpdateInMs?: number;
  nextUpdateAt?: Date;
  /** Statuses this update gives to components. */
  componentStatuses: ComponentStatus[];
};

export type CurrentIncident = { status: IncidentStatus; impact: Impact; eta: Date | null };

export type UpdatePlan = {
  status: IncidentStatus;
  impact: Impact;
  eta: Date | null;
  etaChanged: boolean;
  nextUpdateDueAt: Date | null;
  resolvedAt: Date | null;
  kind: UpdateKind;
};

/**
 * Decides what one engineer-written update does to an incident: its status,
 * impact and, above all, its promise. Every open incident leaves this function
 * with a next-update time, so customers are always told when they will hear
 * more. `current` is null when the update declares the incident.
 *
 * Throws a 400 AppError listing every field that breaks a rule.
 *
 * @example planUpdate(null, { componentStatuses: [] }, now, 1_800_000).nextUpdateDueAt // now + 30 min
 */
export function planUpdate(
  current: CurrentIncident | null,
  input: UpdateInput,
  now: Date,
  defaultIntervalMs: number,
): UpdatePlan {
  const problems: FieldProblem[] = [];
  const status = input.status ?? current?.status ?? "investigating";
  const resolving = status === "resolved";
  const t = now.getTime();

  if (input.eta) {
    if (input.eta.getTime() <= t) problems.push({ field: "eta", message: "must be in the future" });
    else if (input.eta.getTime() - t > maxEtaAheadMs)
      problems.push({ field: "eta", message: "must be at most 30 days ahead" });
  }
  if (input.nextUpdateInMs !== undefined && input.nextUpdateAt !== undefined) {
    problems.push({ field: "next_update_at", message: "give next_update_in or next_update_at, not both" });
  }
  let nextUpdateDueAt: Date | null = null;
  if (input.nextUpdateInMs !== undefined) {
    if (input.nextUpdateInMs < minNextUpdateAheadMs || input.nextUpdateInMs > maxNextUpdateAheadMs) {
      problems.push({ field: "next_update_in", message: "must be between PT1M and PT24H" });
    }
    nextUpdateDueAt = new Date(t + input.nextUpdateInMs);
  }
  if (input.nextUpdateAt !== undefined) {
    const ahead = input.nextUpdateAt.getTime() - t;
    if (ahead < minNextUpdateAheadMs)
      problems.push({ field: "next_update_at", message: "must be at least one minute ahead" });
    else if (ahead > maxNextUpdateAheadMs)
      problems.push({ field: "next_update_at", message: "must be at most 24 hours ahead" });
    nextUpdateDueAt = input.nextUpdateAt;
  }
  if (resolving) {
    if (input.eta) problems.push({ field: "eta", message: "a resolved incident has no ETA" });
    for (const field of ["next_update_in", "next_update_at"] as const) {
      const given = field === "next_update_in" ? input.nextUpdateInMs : input.nextUpdateAt;
      if (given !== undefined) problems.push({ field, message: "a resolved incident promises no further updates" });
    }
  }
  if (problems.length) throw AppError.invalid(problems);

  const previousEta = current?.eta ?? null;
  const eta = resolving ? previousEta : input.eta === undefined ? previousEta : input.eta;
  const derived = input.componentStatuses.length ? impactFromStatus(worstStatus(input.componentStatuses)) : "none";
  const impact =
    input.impact ?? (current ? maxImpact(current.impact, derived) : derived === "none" ? "minor" : derived);

  return {
    status,
    impact,
    eta,
    etaChanged: (eta?.getTime() ?? null) !== (previousEta?.getTime() ?? null),
    nextUpdateDueAt: resolving ? null : (nextUpdateDueAt ?? new Date(t + defaultIntervalMs)),
    resolvedAt: resolving ? now : null,
    kind: resolving ? "resolved" : "manual",
  };
}

export type EtaOutcome = "met" | "missed" | "revised" | "withdrawn" | "closed";

/**
 * How an ETA turned out when it stops being the current one, either because
 * engineers gave a new one or because the incident was resolved.
 * An estimate that had already passed when it was replaced was missed,
 * whatever replaced it: that is the fact customers lived through.
 */
export function settleEta(
  eta: Date | null,
  now: Date,
  replacement: { resolved: true } | { resolved: false; eta: Date | null },
): { outcome: EtaOutcome; missedBySeconds: number | null } {
  if (eta === null) return { outcome: replacement.resolved ? "closed" : "revised", missedBySeconds: null };
  const overrunMs = now.getTime() - eta.getTime();
  // Resolving at the very moment of the ETA meets it; reaching that moment
  // still broken (which is when the machine admits it) misses it.
  const missed = replacement.resolved ? overrunMs > 0 : overrunMs >= 0;
  if (missed) return { outcome: "missed", missedBySeconds: Math.round(overrunMs / 1000) };
  if (replacement.resolved) return { outcome: "met", missedBySeconds: null };
  return { outcome: replacement.eta === null ? "withdrawn" : "revised", missedBySeconds: null };
}
