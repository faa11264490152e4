// The little markups chat platforms read, turned into safe HTML for the
// preview page: every text is decoded from the platform's escaping, then
// HTML-escaped, and only then given bold, italics and links.

const html: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => html[c]);

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'" };
export const decodeEntities = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_m, e: string) => entities[e]);

/** A link, only for http(s) URLs; anything else shows as text. */
export function anchor(url: string, labelHtml: string): string {
  return /^https?:\/\//.test(url) ? `<a href="${escapeHtml(url)}">${labelHtml}</a>` : labelHtml;
}

/** Bold, italic, strike and code on already-escaped text, with the given markers. */
function emphasis(s: string, bold: RegExp, ...italics: RegExp[]): string {
  const out = s.replace(/`([^`\n]+)`/g, "<code>$1</code>").replace(bold, "<b>$1</b>");
  return italics
    .reduce((t, italic) => t.replace(italic, "<i>$1</i>"), out)
    .replace(/~~?([^~\n]+)~~?/g, "<s>$1</s>")
    .replace(/\n/g, "<br>");
}

/** Slack mrkdwn: <url|label> links, *bold*, _italic_, entities. */
export function slackMrkdwn(text: string): string {
  return text
    .split(/(<[^<>]+>)/)
    .map((part) => {
      const link = /^<(https?:\/\/[^|>]+)(?:\|([^>]*))?>$/.exec(part);
      if (link) return anchor(decodeEntities(link[1]), escapeHtml(decodeEntities(link[2] ?? link[1])));
      return emphasis(escapeHtml(decodeEntities(part)), /\*([^*\n]+)\*/g, /\b_([^_\n]+)_\b/g);
    })
    .join("");
}

// Private-use characters stand in for finished HTML while the rest is escaped.
const placeholder = (i: number) => `\ue000${i}\ue001`;

/**
 * CommonMark-ish Markdown as Discord, Mattermost and Adaptive Cards read it:
 * backslash escapes, [label](url), **bold**, *italic* or _italic_, headings,
 * and (for Mattermost) entities.
 */
export function markdown(text: string, options: { entities?: boolean } = {}): string {
  const kept: string[] = [];
  const keep = (htmlPart: string) => placeholder(kept.push(htmlPart) - 1);
  let s = options.entities ? decodeEntities(text) : text;
  s = s.replace(/\\([!-/:-@[-`{-~])/g, (_m, c: string) => keep(escapeHtml(c)));
  s = s.replace(/\[([^\]\n]*)\]\(([^()\s]+)\)/g, (_m, label: string, url: string) =>
    keep(anchor(url, escapeHtml(label))),
  );
  s = escapeHtml(s);
  s = s.replace(/^#{1,6} (.*)$/gm, "<strong class=h>$1</strong>").replace(/^[-*] (.*)$/gm, "• $1");
  s = emphasis(s, /\*\*([^*\n]+)\*\*/g, /\*([^*\n]+)\*/g, /\b_([^_\n]+)_\b/g);
  return s.replace(/\ue000(\d+)\ue001/g, (_m, i: string) => kept[Number(i)]);
}

/** Google Chat's card HTML subset: <b>, <i>, <u>, <s>, <br>, <font color>, <a href>; the rest shows as text. */
export function chatHtml(text: string): string {
  return text
    .split(/(<[^<>]*>)/)
    .map((part) => {
      if (/^<\/?(b|i|u|s)>$/.test(part) || part === "<br>") return part;
      if (part === "</font>") return "</span>";
      if (part === "</a>") return "</a>";
      const font = /^<font color="(#[0-9a-fA-F]{6})">$/.exec(part);
      if (font) return `<span style="color:${font[1]}">`;
      const a = /^<a href="(https?:\/\/[^"]+)">$/.exec(part);
      if (a) return `<a href="${escapeHtml(decodeEntities(a[1]))}">`;
      return escapeHtml(decodeEntities(part));
    })
    .join("");
}
