// The record in public (PAGE_SHOW_RECORD): how the last 90 days' promises
// turned out, read for the line on /, the /record page and the v2 field.
export { countedIncidents, recordWindowDays, windowStart } from "./counted.ts";
export { recordCounts } from "./counts.ts";
export { recordLedger } from "./ledger.ts";
export { loadRecord } from "./page.ts";
