import { inArray, min, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { listenSources } from "../../db/schema/index.ts";

/**
 * When the next poll of these sources falls due (a leased source is due when
 * its lease runs out, in case its process died): what the listener's loop
 * sleeps until. Null with no source.
 *
 * @example const at = await nextPollAt(db, ["mentions"]);
 */
export async function nextPollAt(db: Db, sources: string[]): Promise<Date | null> {
  if (sources.length === 0) return null;
  const [row] = await db
    .select({ at: min(sqlGreatest()) })
    .from(listenSources)
    .where(inArray(listenSources.source, sources));
  return row?.at ? new Date(row.at as unknown as string) : null;
}

function sqlGreatest() {
  return sql<Date>`greatest(${listenSources.nextPollAt}, coalesce(${listenSources.leaseUntil}, ${listenSources.nextPollAt}))`;
}
