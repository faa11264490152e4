import type { Context, Hono } from "hono";
import { cors } from "hono/cors";
import type { ComponentStatus } from "../../domain/components.ts";
import { AppError } from "../../errors.ts";
import { badgeSvg } from "../../render/badge.ts";
import { componentBadgeStatus, pageBadgeStatus } from "../../services/badges/index.ts";
import { type AppEnv, serviceContext } from "../env.ts";

/** The longest `?label=` a badge takes, in characters: a badge is a line in a README, not a paragraph. */
export const maxBadgeLabel = 40;

/** The overall badge and one component's, as their paths read. */
export const badgePaths = { page: "/badge.svg", component: "/components/:slug/badge.svg" } as const;

const headers = {
  "content-type": "image/svg+xml; charset=utf-8",
  // Opened on its own, an SVG is a document: it may run nothing and load nothing.
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
};

/**
 * `?label=`: the text of the grey half instead of the page's or component's
 * name (null without one); 1 to 40 characters, given once, else a 400
 * naming `label`. Checked before the database is read.
 *
 * @example badgeLabel(c) // null, or the query's label
 */
export function badgeLabel(c: Context<AppEnv>): string | null {
  const values = c.req.queries("label");
  if (!values) return null;
  if (values.length > 1) throw AppError.invalid([{ field: "label", message: "give it once" }]);
  const length = [...values[0]].length;
  if (length < 1 || length > maxBadgeLabel) {
    throw AppError.invalid([
      { field: "label", message: `must be 1 to ${maxBadgeLabel} characters long (got ${length})` },
    ]);
  }
  return values[0];
}

const svg = (c: Context<AppEnv>, label: string, status: ComponentStatus) =>
  c.body(badgeSvg(label, status), 200, headers);

/**
 * Status badges for READMEs and dashboards: `/badge.svg` (the page's overall
 * status) and `/components/{slug}/badge.svg` (one component; an unknown or
 * deleted slug is the app's JSON 404). Open to every origin; cached and
 * served while the database is down like the pages (public-cache/paths.ts).
 *
 * @example registerBadgeRoutes(app); await app.request("/badge.svg") // 200 image/svg+xml
 */
export function registerBadgeRoutes(app: Hono<AppEnv>) {
  const open = cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"] });
  app.use(badgePaths.page, open);
  app.use(badgePaths.component, open);
  app.get(badgePaths.page, async (c) => {
    const label = badgeLabel(c);
    const ctx = serviceContext(c);
    return svg(c, label ?? ctx.config.pageName, await pageBadgeStatus(ctx));
  });
  app.get(badgePaths.component, async (c) => {
    const label = badgeLabel(c);
    const found = await componentBadgeStatus(serviceContext(c), { slug: c.req.param("slug") });
    return svg(c, label ?? found.name, found.status);
  });
}
