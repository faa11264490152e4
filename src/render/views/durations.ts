/**
 * "2 h 5 min", "45 min", "3 d 4 h": compact spans for durations, rounded
 * down so an incident is never said to have lasted longer than it did.
 *
 * @example shortDuration(125 * 60_000) // "2 h 5 min"
 */
export function shortDuration(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 60_000);
  if (total === 0) return "under a minute";
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  if (d) return h ? `${d} d ${h} h` : `${d} d`;
  if (h) return m ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}
