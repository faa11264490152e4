import { instantOf, wallClock } from "../domain/peak-hours/wall-clock.ts";
import { formatTime } from "../render/time.ts";

const dayMs = 86_400_000;
const units: Record<string, number> = { s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: dayMs };

/** "45m", "2h", "1h30m", "90 min": a span of time in ms, or null when the text is not one. */
export function parseSpan(text: string): number | null {
  const compact = text.trim().toLowerCase().replaceAll(" ", "");
  if (!/^(\d+(s|m|min|h|d))+$/.test(compact)) return null;
  let ms = 0;
  for (const [, n, unit] of compact.matchAll(/(\d+)(min|s|m|h|d)/g)) ms += Number(n) * units[unit];
  return ms > 0 ? ms : null;
}

/**
 * "15:30" as the next time the page's zone reads 15:30 (today, or tomorrow
 * once it has passed), summer time followed; null when the text is not a
 * clock time.
 */
export function parseClock(text: string, zone: string, now: Date): Date | null {
  const m = /^([01]?\d|2[0-3])[:.h]?([0-5]\d)$/.exec(text.trim());
  if (!m) return null;
  const wallNow = wallClock(zone, now.getTime());
  const today = Math.floor(wallNow / dayMs) * dayMs;
  const wall = today + Number(m[1]) * 3_600_000 + Number(m[2]) * 60_000;
  const at = instantOf(zone, wall);
  return new Date(at > now.getTime() ? at : instantOf(zone, wall + dayMs));
}

/** When something will happen, as the engineer typed it: a span from now, a clock time, or a timestamp. */
export type WhenInput = { kind: "in"; ms: number; at: Date } | { kind: "at"; at: Date };

/** "45m", "2h", "15:30" (in `zone`) or an ISO 8601 timestamp with an offset; null when none of these. */
export function parseWhen(text: string, zone: string, now: Date): WhenInput | null {
  const span = parseSpan(text);
  if (span !== null) return { kind: "in", ms: span, at: new Date(now.getTime() + span) };
  const clock = parseClock(text, zone, now);
  if (clock) return { kind: "at", at: clock };
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i.test(text.trim())) {
    const at = new Date(text.trim());
    if (!Number.isNaN(at.getTime())) return { kind: "at", at };
  }
  return null;
}

/** An ETA as typed: a time, or null for an honest "unknown"; undefined when the text is neither. */
export function parseEta(text: string, zone: string, now: Date): Date | null | undefined {
  if (/^(unknown|none|null|no)$/i.test(text.trim())) return null;
  return parseWhen(text, zone, now)?.at;
}

/** The zone this machine's clock shows, for times said twice ("16:10 GMT, 17:10 CET here"). */
export function localZone(env: NodeJS.ProcessEnv): string {
  return env.TZ?.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/**
 * A time in the page's zone, and in this machine's when it differs, with the
 * date when it is not today in the page's zone.
 *
 * @example bothZones(at, "Europe/London", "America/New_York", now) // "16:10 GMT (11:10 EST here)"
 */
export function bothZones(at: Date, pageZone: string, here: string, now: Date): string {
  const withDate = Math.abs(at.getTime() - now.getTime()) > 20 * 3_600_000;
  const page = formatTime(at, pageZone, withDate);
  const local = formatTime(at, here, withDate);
  // The same clock in another zone's name (GMT and UTC in winter) is said once.
  const clock = (text: string) => text.replace(/ \S+$/, "");
  return clock(page) === clock(local) ? page : `${page} (${local} here)`;
}

/** "in 12 min", "2 h 5 min ago": a countdown to `at`. */
export function countdown(at: Date, now: Date): string {
  const ms = at.getTime() - now.getTime();
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const words = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  return ms >= 0 ? `in ${words}` : `${words} ago`;
}

/** An ETA as the API takes it: a timestamp, null for "unknown", undefined to keep the current one. */
export function etaJson(eta: Date | null | undefined): string | null | undefined {
  return eta === undefined || eta === null ? eta : eta.toISOString();
}
