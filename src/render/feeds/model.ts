import type { Config } from "../../config.ts";
import { xmlText } from "../../domain/feeds.ts";
import { entryHtml, type FeedIncident } from "./entry-html.ts";

/** What a maintenance's feed entry is titled with, so a reader tells planned work from an outage at a glance. */
export const maintenanceTitlePrefix = "Scheduled maintenance: ";

/** When an entry first appeared: a maintenance when it was announced (its start is in the window). */
function publishedAt(i: FeedIncident): Date {
  return i.kind === "maintenance" ? (i.updates.at(-1)?.createdAt ?? i.startedAt) : i.startedAt;
}

/**
 * What both feeds are made of: the page, the incidents and their dates, as
 * the feed at `selfPath` names itself.
 *
 * @example feedModel(incidents, now, config, "/history.rss").items[0].title
 */
export function feedModel(incidents: FeedIncident[], now: Date, config: Config, selfPath: string) {
  const { publicUrl, pageName, pageTimezone } = config;
  // The latest change is the newest update; a page with none yet is as of now.
  const latestChange = incidents.reduce<Date | null>((at, i) => (at && at >= i.latestAt ? at : i.latestAt), null);
  const name = xmlText(pageName);
  return {
    pageName: name,
    title: `${name} status`,
    description: `Incidents, scheduled maintenance and their updates from ${name}`,
    link: publicUrl,
    selfUrl: `${publicUrl}${selfPath}`,
    latestChange: latestChange ?? now,
    items: incidents.map((i) => ({
      title: xmlText(i.kind === "maintenance" ? `${maintenanceTitlePrefix}${i.title}` : i.title),
      link: `${publicUrl}/incidents/${i.id}`,
      started: publishedAt(i),
      latestAt: i.latestAt,
      html: entryHtml(i, now, pageTimezone),
    })),
  };
}
