// Plain rows for the view tests: no database, every instant given by the test.
import type { EtaRevision, IncidentSummary } from "../../../src/db/models.ts";

export const minutes = (n: number) => n * 60_000;
export const at = (iso: string) => new Date(iso);

/** An open incident (or, with `kind: "maintenance"`, a maintenance) as `/` lists it. */
export function summary(over: Partial<IncidentSummary> = {}): IncidentSummary {
  return {
    id: "inc_1",
    kind: "incident",
    title: "API errors",
    status: "investigating",
    impact: "major",
    startedAt: at("2026-11-23T10:00:00Z"),
    resolvedAt: null,
    eta: null,
    nextUpdateDueAt: null,
    updateIntervalMs: 1_800_000,
    twitterThreadRootId: null,
    createdBy: "test",
    updatedAt: at("2026-11-23T10:00:00Z"),
    scheduledFor: null,
    scheduledUntil: null,
    remindBeforeMs: null,
    remindedAt: null,
    notify: { email: true, webhook: true, twitter: true },
    components: [],
    latestUpdate: null,
    ...over,
  } as IncidentSummary;
}

/** One line of an ETA ledger. */
export function revision(over: Partial<EtaRevision> = {}): EtaRevision {
  return {
    id: "eta_1",
    incidentId: "inc_1",
    updateId: "upd_1",
    previousEta: null,
    eta: null,
    promisedAt: at("2026-11-23T10:00:00Z"),
    outcome: null,
    settledAt: null,
    missedBySeconds: null,
    ...over,
  };
}
