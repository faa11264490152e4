// The core every public update shares, incident or maintenance, engineer or
// scheduler: writing it, its ETA ledger and promises, and component statuses.
export { applyComponentChanges } from "./apply-component-changes.ts";
export { auditDetails } from "./audit-details.ts";
export { latestMissedEta, recordEtaRevision, settleCurrentRevision } from "./eta-ledger.ts";
export { nextSeq } from "./next-seq.ts";
export { openIncidentStatuses } from "./open-incident-statuses.ts";
export { publicText } from "./public-text.ts";
export { type Found, resolveComponents, resolveSlugs } from "./resolve-components.ts";
export { restoreComponents } from "./restore-components.ts";
export { settlePreviousPromise } from "./settle-previous-promise.ts";
export { type WriteUpdateInput, writeUpdate } from "./write-update.ts";
