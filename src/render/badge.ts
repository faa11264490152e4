import type { ComponentStatus } from "../domain/components.ts";
import { xmlText } from "../domain/feeds.ts";

/** The status words a badge shows: the status page's words, in the lower case badges use. */
export const badgeWords: Record<ComponentStatus, string> = {
  operational: "operational",
  degraded_performance: "degraded performance",
  partial_outage: "partial outage",
  major_outage: "major outage",
  under_maintenance: "under maintenance",
};

/**
 * The status page's colours (its light scheme, templates/partials/head.hbs),
 * so a badge and the page it links to never disagree. Each keeps white text
 * readable (contrast of 4.5:1 or more).
 */
export const badgeColors: Record<ComponentStatus, string> = {
  operational: "#1a7f37",
  degraded_performance: "#9a6700",
  partial_outage: "#bc4c00",
  major_outage: "#cf222e",
  under_maintenance: "#0969da",
};

/** The grey of the label half, as shields.io draws it. */
const labelColor = "#555";

// Advance widths of Verdana at 11px for U+0020..U+007E (from anafanafo, the
// table shields.io measures with). Anything else counts as the widest common
// glyph, so text never overflows its half; it may get a little air instead.
const asciiWidths = [
  3.87, 4.33, 5.05, 9, 6.99, 11.84, 7.99, 2.95, 5, 5, 6.99, 9, 4, 5, 4, 5, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99,
  6.99, 6.99, 6.99, 5, 5, 9, 9, 9, 6, 11, 7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53, 8.27, 4.63, 5, 7.62, 6.12, 9.27,
  8.23, 8.66, 6.63, 8.66, 7.65, 7.52, 6.78, 8.05, 7.52, 10.88, 7.54, 6.77, 7.54, 5, 5, 5, 9, 6.99, 6.99, 6.61, 6.85,
  5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02, 3.79, 6.51, 3.02, 10.7, 6.96, 6.68, 6.85, 6.85, 4.69, 5.73, 4.33, 6.96,
  6.51, 9, 6.51, 6.51, 5.78, 6.98, 5, 6.98, 9,
];
const otherWidth = 11;

/**
 * How wide a text is in Verdana 11px, in whole pixels (rounded up).
 *
 * @example textWidth("operational") // 65
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width += code >= 32 && code <= 126 ? asciiWidths[code - 32] : otherWidth;
  }
  return Math.ceil(width);
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text safe in XML content and in a quoted attribute; characters XML cannot carry become U+FFFD. */
export function xmlEscape(text: string): string {
  return xmlText(text).replace(/[&<>"']/g, (ch) => escapes[ch]);
}

/** Space on each side of a text inside its half. */
const padding = 5;

/** One half of the badge: where its text goes, in the tenths of a pixel the text is drawn at. */
function half(text: string, x: number) {
  const width = textWidth(text);
  return {
    text: xmlEscape(text),
    x,
    width: width + 2 * padding,
    centre: (x + padding + width / 2) * 10,
    length: width * 10,
  };
}

/**
 * A shields.io-style flat badge: the label on grey, the status word on the
 * status's colour, sized to the text. Screen readers read "label: word" (role
 * img, aria-label and a title). Every text is escaped here.
 *
 * @example badgeSvg("Acme", "major_outage") // '<svg xmlns=… aria-label="Acme: major outage">…'
 */
export function badgeSvg(label: string, status: ComponentStatus): string {
  const left = half(label, 0);
  const right = half(badgeWords[status], left.width);
  const width = left.width + right.width;
  const title = xmlEscape(`${label}: ${badgeWords[status]}`);
  const text = (h: typeof left) =>
    `<text aria-hidden="true" x="${h.centre}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${h.length}">${h.text}</text>` +
    `<text x="${h.centre}" y="140" transform="scale(.1)" fill="#fff" textLength="${h.length}">${h.text}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}">` +
    `<title>${title}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${left.width}" height="20" fill="${labelColor}"/>` +
    `<rect x="${left.width}" width="${right.width}" height="20" fill="${badgeColors[status]}"/>` +
    `<rect width="${width}" height="20" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">` +
    `${text(left)}${text(right)}</g></svg>`
  );
}
