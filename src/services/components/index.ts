/**
 * Components: the parts of the service the status page lists. One verb per
 * file; `findLiveComponents` is shared with incidents, maintenances and
 * subscriptions, which must refuse deleted components.
 */
export { createComponent } from "./create.ts";
export { deleteComponent } from "./delete.ts";
export { findLiveComponent, findLiveComponents } from "./find-live.ts";
export { listComponents } from "./list.ts";
export { recordStatusChange, type StatusChange, type StatusChangeCause } from "./record-status-change.ts";
export type { Component, ComponentInput, ComponentPatch } from "./types.ts";
export { updateComponent } from "./update.ts";
