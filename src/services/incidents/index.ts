// Incidents: declaring, updating and reading them, and the promise record
// they keep. The update core they share with maintenance is in ../updates/.
export { affectedComponents } from "./affected-components.ts";
export { backfillIncident } from "./backfill.ts";
export { declareIncident } from "./declare.ts";
export { findIncident } from "./find.ts";
export { getIncident } from "./get.ts";
export { type IncidentPage, type ListIncidentsInput, listIncidents } from "./list.ts";
export { postIncidentUpdate } from "./post-update.ts";
export { promiseRecords } from "./promise-records.ts";
export { type PromiseStats, promiseStats } from "./promise-stats.ts";
export { listIncidentSummaries } from "./summaries.ts";
export type { BackfillRequest, DeclareRequest, PostUpdateRequest, UpdateRequest } from "./types.ts";
