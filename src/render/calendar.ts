import type { IncidentUpdate } from "../db/models.ts";
import type { IncidentWithUpdates } from "./statuspage/index.ts";

/** A maintenance as the calendar shows it: its updates (oldest first) and how often its window moved. */
export type CalendarMaintenance = IncidentWithUpdates & { reschedules: number };

/**
 * An instant as iCalendar's UTC DATE-TIME (RFC 5545 3.3.5, form #2).
 *
 * @example icsDate(new Date("2026-11-24T02:00:00.250Z")) // "20261124T020000Z"
 */
export function icsDate(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

// RFC 5545's CTL (every C0 control but tab, and DEL) may not appear in a content line.
const notContentChar = /[^\t\u0020-\u007E\u0080-\u{10FFFF}]/gu;

/**
 * A TEXT value escaped as RFC 5545 3.3.11 asks: backslash, semicolon, comma
 * and newlines. Control characters other than tab cannot appear in a
 * content line at all, so they become U+FFFD rather than break the file.
 *
 * @example icsText("a, b; c\nd") // "a\\, b\\; c\\nd"
 */
export function icsText(text: string): string {
  return text
    .replace(/[\\;,]/g, (ch) => `\\${ch}`)
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(notContentChar, "\uFFFD");
}

const octets = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/**
 * One content line folded at 75 octets (RFC 5545 3.1): each continuation
 * starts with a space, and a UTF-8 character is never split across lines.
 *
 * @example foldLine("SUMMARY:" + "x".repeat(80)) // "SUMMARY:xxx…\r\n xxx…"
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const n = octets(ch.codePointAt(0) as number);
    // The first line holds 75 octets; a continuation 74 after its leading space.
    if (size + n > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** The last time anything the event shows changed: DTSTAMP, so the file changes only with its data. */
function revisedAt(m: CalendarMaintenance): Date {
  const times = [m.updatedAt, ...m.updates.map((u: IncidentUpdate) => u.createdAt)];
  return new Date(Math.max(...times.map((t) => t.getTime())));
}

/** What the work is (the announcement), its latest news when there is any, and the components it touches. */
function description(m: CalendarMaintenance): string {
  // Updates taken off the public views are left out here too.
  const shown = m.updates.filter((u) => !u.hiddenAt);
  const first = shown[0]?.body;
  const latest = shown.at(-1)?.body;
  const lines = first ? [first] : [];
  if (latest && latest !== first) lines.push("", `Latest update: ${latest}`);
  if (m.components.length) lines.push("", `Components affected: ${m.components.map((c) => c.name).join(", ")}`);
  return lines.join("\n");
}

function eventLines(m: CalendarMaintenance, host: string, publicUrl: string): string[] {
  const cancelled = m.status === "cancelled";
  return [
    "BEGIN:VEVENT",
    `UID:${m.id}@${host}`,
    // Calendars take a higher SEQUENCE as a new version: each move of the window, and the cancellation.
    `SEQUENCE:${m.reschedules + (cancelled ? 1 : 0)}`,
    `DTSTAMP:${icsDate(revisedAt(m))}`,
    `DTSTART:${icsDate(m.scheduledFor as Date)}`,
    `DTEND:${icsDate(m.scheduledUntil as Date)}`,
    `SUMMARY:${icsText(m.title)}`,
    `DESCRIPTION:${icsText(description(m))}`,
    `URL:${publicUrl}/incidents/${encodeURIComponent(m.id)}`,
    `STATUS:${cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
  ];
}

/**
 * The page's maintenances as an RFC 5545 calendar that Google Calendar,
 * Outlook and Apple Calendar subscribe to: one VEVENT each, its UID stable
 * (the maintenance's id at the page's host), CRLF line ends, long lines
 * folded. A pure function of the rows and the page's address, so a render
 * changes only when the data does.
 *
 * @example maintenanceCalendar([m], { pageName: "Acme", publicUrl: "https://status.acme.com" })
 */
export function maintenanceCalendar(
  maintenances: CalendarMaintenance[],
  page: { pageName: string; publicUrl: string },
): string {
  const host = new URL(page.publicUrl).host;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Candor//Scheduled maintenance//EN",
    "CALSCALE:GREGORIAN",
    `X-WR-CALNAME:${icsText(`${page.pageName} maintenance`)}`,
    // Subscribed calendars poll; an hour is what the big clients accept.
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
    ...maintenances.flatMap((m) => eventLines(m, host, page.publicUrl)),
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
