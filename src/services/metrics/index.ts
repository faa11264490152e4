/** The counts /metrics reads from the database at scrape time. */
export type { OutboxCounts } from "./outbox-counts.ts";
export { type Lateness, type LatenessKind, latenessBounds } from "./promise-lateness.ts";
export type { PromiseOutcome } from "./promise-outcomes.ts";
export { type DatabaseCounts, readMetricCounts } from "./read-counts.ts";
