/** Where the feeds are, under Statuspage's names, and what they are served as. */
export const feeds = {
  rss: { path: "/history.rss", alias: "/feed.rss", type: "application/rss+xml" },
  atom: { path: "/history.atom", alias: "/feed.atom", type: "application/atom+xml" },
} as const;

/**
 * What a page puts in its head so browsers and readers find the feeds:
 * one `<link rel="alternate" type="{type}" title="{title}" href="{href}">` each.
 *
 * @example feedLinks("Acme") // [{ href: "/history.rss", type: "application/rss+xml", title: "Acme status (RSS)" }, ...]
 */
export function feedLinks(pageName: string): { href: string; type: string; title: string }[] {
  return [
    { href: feeds.rss.path, type: feeds.rss.type, title: `${pageName} status (RSS)` },
    { href: feeds.atom.path, type: feeds.atom.type, title: `${pageName} status (Atom)` },
  ];
}
