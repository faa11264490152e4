import { and, desc, isNull, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { incidents } from "../../db/schema/index.ts";

/**
 * The incident open now (the newest, if several), not a maintenance: what a
 * heard post is tied to, and what a spike is recorded against.
 *
 * @example await openIncidentId(tx) // "inc_4k2x9v7m1q3r8t5w" or null
 */
export async function openIncidentId(db: Queryable): Promise<string | null> {
  const [open] = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(isNull(incidents.resolvedAt), sql`${incidents.kind} = 'incident'`))
    .orderBy(desc(incidents.startedAt))
    .limit(1);
  return open?.id ?? null;
}
