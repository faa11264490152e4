import { isNull } from "drizzle-orm";
import { components } from "../../db/schema/index.ts";
import { type ComponentStatus, type Impact, overallStatus } from "../../domain/components.ts";
import type { ServiceContext } from "../context.ts";
import { openIncidentImpacts } from "../statuspage/open-impacts.ts";

/**
 * The page's overall status, as its banner shows it: the worst live
 * component, made no better than the open incidents' impact.
 *
 * @example await pageBadgeStatus(ctx) // "partial_outage"
 */
export async function pageBadgeStatus(ctx: ServiceContext): Promise<ComponentStatus> {
  const [rows, open] = await Promise.all([
    ctx.db.select({ status: components.status }).from(components).where(isNull(components.deletedAt)),
    openIncidentImpacts(ctx),
  ]);
  return overallStatus(
    rows.map((r) => r.status as ComponentStatus),
    open.map((i) => i.impact as Impact),
  ).status;
}
