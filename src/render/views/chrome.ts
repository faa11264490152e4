import type { Config } from "../../config.ts";
import { feedLinks } from "../feeds/links.ts";
import { type Brand, brandOf } from "./brand.ts";

/** What every public page's header, head and footer need: the page's name, logo, zone, colours and feeds. */
export type Chrome = {
  pageName: string;
  logoUrl: string | null;
  timeZone: string;
  brand: Brand | null;
  current: "home" | "history" | "incident" | "record" | "error";
  /** The record is public (PAGE_SHOW_RECORD): the navigation links to it. */
  showRecord: boolean;
  isHome: boolean;
  /** `<link rel="alternate">` to the feeds, in every page's head. */
  feeds: { href: string; type: string; title: string }[];
};

/**
 * The page chrome from the config, marking which page is `current` in the navigation.
 *
 * @example chromeOf(config, "history").isHome // false
 */
export function chromeOf(config: Config, current: Chrome["current"]): Chrome {
  return {
    pageName: config.pageName,
    logoUrl: config.pageLogoUrl ?? null,
    timeZone: config.pageTimezone,
    brand: brandOf(config.pageBrandColor),
    current,
    showRecord: config.pageShowRecord,
    isHome: current === "home",
    feeds: feedLinks(config.pageName),
  };
}

/**
 * The data of an HTML error page that names what was wrong; public pages never answer with JSON.
 *
 * @example messageView(config, "Incident not found", "There is no incident at this address. …")
 */
export function messageView(config: Config, heading: string, text: string) {
  return { pageName: config.pageName, chrome: chromeOf(config, "error"), heading, text };
}
