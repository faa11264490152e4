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

/**
 * Milliseconds as the ISO 8601 duration an API gives back (hours, minutes,
 * seconds), the inverse of parseDuration for what it reads.
 *
 * @example formatDuration(5_400_000) // "PT1H30M"
 */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = `${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s ? `${s}S` : ""}`;
  return `PT${parts || "0S"}`;
}
