import { dateTimeFormat } from "../../lib/date-formats.ts";

/** Formats an instant for a payload: Statuspage's API uses the page's own offset, webhooks use UTC. */
export type TimeFormat = (at: Date) => string;

/**
 * The page id in payloads: PUBLIC_URL's host, stable for the life of the page.
 *
 * @example pageIdOf("https://status.example.com") // "status.example.com"
 */
export function pageIdOf(publicUrl: string): string {
  return new URL(publicUrl).host;
}

/**
 * An instant as Statuspage writes it: ISO 8601 with milliseconds and the
 * numeric offset of the page's time zone, never "Z".
 *
 * @example statuspageTime(new Date("2026-11-24T14:22:39.441Z"), "America/New_York") // "2026-11-24T09:22:39.441-05:00"
 */
export function statuspageTime(at: Date, timeZone: string): string {
  const wallClock = dateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const part: Record<string, string> = {};
  for (const p of wallClock.formatToParts(at)) part[p.type] = p.value;
  const ms = ((at.getTime() % 1000) + 1000) % 1000;
  const wall = Date.UTC(+part.year, +part.month - 1, +part.day, +part.hour, +part.minute, +part.second, ms);
  const offsetMinutes = Math.round((wall - at.getTime()) / 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(+part.year, 4)}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}.${pad(ms, 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
