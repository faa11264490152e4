import { max } from "drizzle-orm";
import { components, incidents, incidentUpdates } from "../../db/schema/index.ts";
import type { ServiceContext } from "../context.ts";

/**
 * The latest change to any incident, update or component (deletions
 * included), or null on an empty page: every v2 document's `updated_at`.
 *
 * @example await lastChange(ctx) // Date | null
 */
export async function lastChange(ctx: ServiceContext): Promise<Date | null> {
  const [[a], [b], [c]] = await Promise.all([
    ctx.db.select({ at: max(incidents.updatedAt) }).from(incidents),
    ctx.db.select({ at: max(incidentUpdates.createdAt) }).from(incidentUpdates),
    ctx.db.select({ at: max(components.updatedAt) }).from(components),
  ]);
  const times = [a?.at, b?.at, c?.at].filter((t): t is Date => t instanceof Date).map((t) => t.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}
