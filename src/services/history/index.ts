// What the public pages read about the past: the 90-day bars' incidents, ETA ledgers, /history's pages.
export { componentTouches } from "./component-touches.ts";
export { etaLedgers } from "./eta-ledgers.ts";
export { incidentHistoryPage } from "./history-page.ts";
