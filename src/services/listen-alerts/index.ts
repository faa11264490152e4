// Spike alerts (issue 16): raised by the check after each poll, listed with
// mentions:read and acknowledged with mentions:write.

export { ackListenAlert } from "./ack.ts";
export { type CheckSpikeInput, checkSpike } from "./check-spike.ts";
export { type ListenAlertPage, type ListListenAlertsInput, listListenAlerts } from "./list.ts";
export type { ListenAlert } from "./types.ts";
