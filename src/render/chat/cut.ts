/** The ellipsis a cut text ends with. */
export const ellipsis = "…";

// Spans a cut must never split: a Slack link or mention (<url|label>), an HTML
// link, a Markdown link, a bare URL, an HTML entity (&amp;) and a backslash
// escape. Cutting inside one would leave a broken link or show markup.
const atoms =
  /<a\b[^>]*>[\s\S]*?<\/a>|<[^<>\s][^<>\n]*>|\[[^\]\n]*\]\([^()\s]*\)|\bhttps?:\/\/[^\s<>]*[^\s<>.,;:!?)\]'"]|&(?:#\d+|#x[0-9a-f]+|[a-z]+);|\\./gi;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Where each atom starts and ends (end exclusive). */
function atomSpans(text: string): [number, number][] {
  return [...text.matchAll(atoms)].map((m) => [m.index, m.index + m[0].length]);
}

/**
 * The text cut to at most `max` code units, ending with "…" when cut: at the
 * last word boundary that fits, never inside a link, an entity or an escape,
 * never between the code units of one grapheme (a surrogate pair, an emoji
 * ZWJ sequence, a letter and its accents). A single word longer than half the
 * room is cut between graphemes instead, so a long token does not empty the text.
 *
 * @example cutText("The database is slow again", 15) // "The database…"
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return "";
  const room = max - ellipsis.length;
  // The last grapheme boundary that fits.
  let end = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  const spans = atomSpans(text);
  const inside = (i: number) => spans.find(([s, e]) => s < i && i < e);
  const atom = inside(end);
  if (atom) {
    // The atom's start is a boundary already: a link begins a word.
    end = atom[0];
  } else {
    // The last whitespace at or before `end` that is not inside an atom.
    for (let i = end; i >= end / 2 && i > 0; i--) {
      if (/\s/.test(text[i] ?? "") && !inside(i)) {
        end = i;
        break;
      }
    }
  }
  return text.slice(0, end).trimEnd() + ellipsis;
}

/**
 * The message, cut to make room, then the promise line whole: the promise is
 * what readers act on, so it is never the part that goes. Only a promise that
 * alone exceeds `max` is cut (the platform would refuse the message otherwise).
 *
 * @example withPromise("Long text…", "Next update by 14:30 UTC.", 3000)
 */
export function withPromise(message: string, promise: string, max: number, separator = "\n\n"): string {
  if (!promise) return cutText(message, max);
  if (promise.length + separator.length >= max) return cutText(promise, max);
  if (!message) return promise;
  return cutText(message, max - promise.length - separator.length) + separator + promise;
}

/** How many UTF-8 bytes a body takes as JSON: what the byte limits count. */
export function jsonBytes(body: unknown): number {
  return new TextEncoder().encode(JSON.stringify(body)).length;
}

/**
 * Builds a body with a text budget, shrinking the budget until the body fits
 * `maxBytes` (escapes and multi-byte text make bytes and characters differ).
 */
export function fitBytes<T>(build: (budget: number) => T, budget: number, maxBytes: number): T {
  let body = build(budget);
  for (let size = jsonBytes(body); size > maxBytes && budget > 1; size = jsonBytes(body)) {
    budget = Math.floor((budget * maxBytes) / size / 1.1);
    body = build(budget);
  }
  return body;
}

/**
 * Lines joined by newlines within `max`, the ones that do not fit counted in a
 * last line ("…and 3 more"), so a long component list never cuts a name.
 */
export function fitLines(lines: string[], max: number, more = (n: number) => `…and ${n} more`): string {
  const all = lines.join("\n");
  if (all.length <= max) return all;
  const kept: string[] = [];
  let size = 0;
  for (const [i, line] of lines.entries()) {
    const tail = more(lines.length - i).length + 1;
    if (size + line.length + 1 + tail > max) break;
    kept.push(line);
    size += line.length + 1;
  }
  kept.push(more(lines.length - kept.length));
  return cutText(kept.join("\n"), max);
}
