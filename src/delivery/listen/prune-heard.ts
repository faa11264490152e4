import { lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { heardPosts } from "../../db/schema/index.ts";

/**
 * Deletes posts heard before `before` (LISTEN_RETENTION ago): handles and
 * text are personal data, kept only as long as they serve the inbox and the
 * spike rule's seven-day baseline. Returns how many went.
 *
 * @example await pruneHeard(db, new Date(now.getTime() - config.listen.retentionMs))
 */
export async function pruneHeard(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(heardPosts).where(lt(heardPosts.heardAt, before)).returning({ id: heardPosts.id });
  return rows.length;
}
