/** The outbox as a job queue, graphile-worker style: one SQL operation per file. */
export { claimDue } from "./claim.ts";
export { completeRow } from "./complete.ts";
export { enqueue, type OutboxJob } from "./enqueue.ts";
export { type Failure, failRow, minRetryMs } from "./fail.ts";
export { holdBackChannel } from "./hold-back.ts";
export { nextRunAt } from "./next-run-at.ts";
export { releaseRow } from "./release.ts";
export { renewClaim } from "./renew.ts";
export { retryDead } from "./retry-dead.ts";
export { revisePending } from "./revise-pending.ts";
export {
  claimLockClass,
  leaseMs,
  type OutboxRow,
  type OutboxState,
  sessionClaimPrefix,
  takeoverCheckMs,
  unhealthyRetryMs,
} from "./shared.ts";
export { withdrawnReason, withdrawPending } from "./withdraw-pending.ts";
