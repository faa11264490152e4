/** Two-digit UTC hours and minutes: the banner names a time every reader can place. */
function utcClock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

/**
 * The line a page served from a saved render carries in its banner.
 *
 * @example staleNotice(Date.UTC(2026, 11, 2, 14, 2)) // "This page could not be refreshed since 14:02 UTC"
 */
export function staleNotice(renderedAtMs: number): string {
  return `This page could not be refreshed since ${utcClock(renderedAtMs)} UTC`;
}

/** Where the notice goes: inside the first banner card, else at the top of the main content, else of the body. */
const anchors = [/<section class="card banner[^>]*>/, /<main[^>]*>/, /<body[^>]*>/];

/**
 * An HTML render with the stale notice put into its banner; anything that is
 * not HTML (the JSON, the feeds) is returned as it is: its own timestamps
 * (`page.updated_at`, `<updated>`) already say how old it is.
 *
 * @example withStaleNotice(html, "text/html; charset=UTF-8", entry.minute * 60_000)
 */
export function withStaleNotice(body: Uint8Array, contentType: string, renderedAtMs: number): Uint8Array | null {
  if (!contentType.startsWith("text/html")) return null;
  const html = new TextDecoder().decode(body);
  const notice = `<p class="stale" role="status"><strong>${staleNotice(renderedAtMs)}</strong>: the database is unreachable, so this is the page as it was then.</p>`;
  for (const anchor of anchors) {
    const found = anchor.exec(html);
    if (!found) continue;
    const at = found.index + found[0].length;
    return new TextEncoder().encode(html.slice(0, at) + notice + html.slice(at));
  }
  return null;
}
