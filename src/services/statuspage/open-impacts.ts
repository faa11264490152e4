import { and, eq, isNull } from "drizzle-orm";
import { incidents } from "../../db/schema/index.ts";
import type { ServiceContext } from "../context.ts";

/**
 * The impacts of the open incidents, for status.json's indicator. Open
 * incidents only: a maintenance shows through its components' statuses once under way.
 *
 * @example await openIncidentImpacts(ctx) // [{ impact: "major" }]
 */
export function openIncidentImpacts(ctx: ServiceContext): Promise<{ impact: string }[]> {
  return ctx.db
    .select({ impact: incidents.impact })
    .from(incidents)
    .where(and(eq(incidents.kind, "incident"), isNull(incidents.resolvedAt)));
}
