const pattern = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Parses the time-based subset of ISO 8601 durations (weeks, days, hours,
 * minutes, seconds) into milliseconds. Years and months are refused because
 * their length depends on the calendar. Returns null for anything else.
 *
 * @example parseDuration("PT30M") // 1_800_000
 */
export function parseDuration(text: string): number | null {
  const m = pattern.exec(text);
  if (!m) return null;
  const [, w, d, h, min, s] = m;
  const ms =
    (Number(w ?? 0) * 7 * 86_400 +
      Number(d ?? 0) * 86_400 +
      Number(h ?? 0) * 3_600 +
      Number(min ?? 0) * 60 +
      Number(s ?? 0)) *
    1000;
  return Number.isFinite(ms) ? Math.round(ms) : null;
}
