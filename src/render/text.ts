/**
 * The words of every update and promise Candor writes for customers. Each
 * message kind has its own template under templates/text/; the files under
 * text/ pick which one applies and turn the facts (times, durations) into
 * the page's time zone.
 */
export { etaMissedText } from "./text/eta-missed.ts";
export { holdingText } from "./text/holding.ts";
export { type MaintenanceWords, maintenanceText } from "./text/maintenance.ts";
export { type PromiseFacts, promiseText } from "./text/promise.ts";
