// Corrections: fixing the words of what was posted (a title, an update's
// message) or hiding an update that should never have been public, without
// notifying anyone again. Status and promises are never corrected: a change
// is a new update.
export { editTitle } from "./edit-title.ts";
export { editUpdate } from "./edit-update.ts";
export { hideUpdate } from "./hide-update.ts";
export type { ChannelCount, ChannelsNote } from "./old-text.ts";
export type { TitleCorrection, UpdateCorrection } from "./types.ts";
