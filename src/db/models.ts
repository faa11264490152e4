import type { etaRevisions, incidents, incidentUpdates, subscribers } from "./schema/index.ts";

// The rows and read models that several layers pass around. They are types
// only: render and channels take them without reaching for the database.

export type Incident = typeof incidents.$inferSelect;
export type IncidentUpdate = typeof incidentUpdates.$inferSelect;
export type EtaRevision = typeof etaRevisions.$inferSelect;
export type Subscriber = typeof subscribers.$inferSelect;

/** A component as an incident touches it: the status the incident gives it. */
export type AffectedComponent = { id: string; slug: string; name: string; status: string };

/** How an incident's promises turned out: ETAs given, and next-update promises kept or missed. */
export type PromiseRecord = {
  eta: { made: number; met: number; missed: number; pending: number };
  nextUpdate: { made: number; keptByEngineers: number; keptByMachine: number; missed: number; pending: number };
};

/** One incident with its components, updates (newest first), ETA ledger and promise record. */
export type IncidentDetail = Incident & {
  components: AffectedComponent[];
  updates: IncidentUpdate[];
  etaRevisions: EtaRevision[];
  promises: PromiseRecord;
};

/** An incident as lists show it: its components and latest update. */
export type IncidentSummary = Incident & { components: AffectedComponent[]; latestUpdate: IncidentUpdate | null };
