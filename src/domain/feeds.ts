const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

/**
 * An instant as RSS 2.0 dates it (RFC 822 with a four-digit year, as RFC 1123
 * and every feed validator expect), always in UTC.
 *
 * @example rfc822Date(new Date("2026-11-24T14:30:00Z")) // "Tue, 24 Nov 2026 14:30:00 +0000"
 */
export function rfc822Date(at: Date): string {
  const time = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`;
  return `${days[at.getUTCDay()]}, ${two(at.getUTCDate())} ${months[at.getUTCMonth()]} ${at.getUTCFullYear()} ${time} +0000`;
}

/**
 * An instant as Atom dates it (RFC 3339), in UTC to the second.
 *
 * @example rfc3339Date(new Date("2026-11-24T14:30:00.250Z")) // "2026-11-24T14:30:00Z"
 */
export function rfc3339Date(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// XML 1.0 allows tab, LF, CR and U+0020 upwards, except lone surrogates and
// U+FFFE/U+FFFF; no escape makes the others legal, not even &#1;.
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Replaces the characters XML 1.0 cannot carry (control characters, lone
 * surrogates) with U+FFFD, so any message an engineer typed still gives a
 * well-formed feed. Everything else is left to the templates' escaping.
 *
 * @example xmlText("ok\u0001") // "ok\uFFFD"
 */
export function xmlText(text: string): string {
  return text.replace(notXmlChar, "\uFFFD");
}
