// ETA advice: the team's own record of ETAs, read when another is about to be
// promised. The rule is src/domain/eta-advice.ts; docs/eta-advice.md explains it.
export { type EtaAdvice, etaAdviceFor } from "./advise.ts";
export { adviceAfterEta } from "./after-eta.ts";
export { adviceLedger, type SimilarTo } from "./ledger.ts";
export { type PreviewInput, previewEtaAdvice } from "./preview.ts";
