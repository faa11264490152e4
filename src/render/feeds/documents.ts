import type { Config } from "../../config.ts";
import { rfc822Date, rfc3339Date } from "../../domain/feeds.ts";
import { render } from "../index.ts";
import type { FeedIncident } from "./entry-html.ts";
import { feeds } from "./links.ts";
import { feedModel } from "./model.ts";

/**
 * The RSS 2.0 document, dated by its latest change, naming /history.rss as its own address.
 *
 * @example rssFeed(incidents, now, config) // the RSS XML
 */
export function rssFeed(incidents: FeedIncident[], now: Date, config: Config): string {
  const model = feedModel(incidents, now, config, feeds.rss.path);
  return render("feeds/rss", {
    ...model,
    lastBuildDate: rfc822Date(model.latestChange),
    items: model.items.map((i) => ({ ...i, pubDate: rfc822Date(i.latestAt) })),
  });
}

/**
 * The Atom 1.0 document, identified by its own address (/history.atom).
 *
 * @example atomFeed(incidents, now, config) // the Atom XML
 */
export function atomFeed(incidents: FeedIncident[], now: Date, config: Config): string {
  const model = feedModel(incidents, now, config, feeds.atom.path);
  return render("feeds/atom", {
    ...model,
    id: model.selfUrl,
    updated: rfc3339Date(model.latestChange),
    items: model.items.map((i) => ({
      ...i,
      published: rfc3339Date(i.started),
      updated: rfc3339Date(i.latestAt),
    })),
  });
}
