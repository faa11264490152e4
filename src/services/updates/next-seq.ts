import { eq, max } from "drizzle-orm";
import { incidentUpdates } from "../../db/schema/index.ts";
import { queryable, type ServiceContext } from "../context.ts";

/**
 * The next sequence number of an incident's updates. Call it with the
 * incident's row locked, so concurrent updates get consecutive numbers.
 */
export async function nextSeq(ctx: ServiceContext, incidentId: string): Promise<number> {
  const [{ lastSeq }] = await queryable(ctx)
    .select({ lastSeq: max(incidentUpdates.seq) })
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, incidentId));
  return (lastSeq ?? 0) + 1;
}
