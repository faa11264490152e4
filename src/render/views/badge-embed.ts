/** The snippets the home page offers for embedding the overall badge. */
export type BadgeEmbed = { src: string; markdown: string; html: string };

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/**
 * Markdown and HTML that show the overall badge linked to the page. The page
 * name is escaped for each language here; the template escapes the whole
 * snippet again to show it as text.
 *
 * @example badgeEmbed("Acme", "https://status.acme.com").markdown
 * // "[![Acme status](https://status.acme.com/badge.svg)](https://status.acme.com)"
 */
export function badgeEmbed(pageName: string, publicUrl: string): BadgeEmbed {
  const src = `${publicUrl}/badge.svg`;
  const alt = `${pageName} status`;
  const markdownAlt = alt.replace(/[\\[\]]/g, (ch) => `\\${ch}`);
  const htmlAlt = alt.replace(/[&<>"]/g, (ch) => htmlEscapes[ch]);
  return {
    src,
    markdown: `[![${markdownAlt}](${src})](${publicUrl})`,
    html: `<a href="${publicUrl}"><img src="${src}" alt="${htmlAlt}"></a>`,
  };
}
