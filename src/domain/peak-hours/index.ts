/**
 * Peak hours: parse PEAK_HOURS once at the entry, then ask whether a window
 * overlaps them, for the nearest off-peak window, and for either in words.
 */
export { describePeakWindow } from "./describe.ts";
export { nearestOffPeakSlot, offPeakSearchMs } from "./off-peak.ts";
export { peakOverlap } from "./overlap.ts";
export { parsePeakHours } from "./parse.ts";
export { type PeakHours, PeakHoursError, type PeakOverlap, type PeakRule } from "./types.ts";
