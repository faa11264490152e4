import { sql } from "drizzle-orm";
import type { ListenConfig } from "../../config-listen.ts";
import { listenSources } from "../../db/schema/index.ts";
import type { ServiceContext } from "../../services/context.ts";

/**
 * Makes a row for each source LISTEN turns on, due now. A search whose
 * LISTEN_QUERY changed starts afresh: its cursor and page token belong to
 * the old query, and X would refuse the token with the new one.
 *
 * @example await prepareSources(ctx, config.listen)
 */
export async function prepareSources(ctx: ServiceContext, listen: ListenConfig): Promise<void> {
  const now = ctx.clock();
  const rows = [
    ...(listen.mentions ? [{ source: "mentions", query: null }] : []),
    ...(listen.search ? [{ source: "search", query: listen.search.query }] : []),
  ];
  if (rows.length === 0) return;
  await ctx.db
    .insert(listenSources)
    .values(rows.map((r) => ({ ...r, nextPollAt: now, sinceTime: now })))
    .onConflictDoUpdate({
      target: listenSources.source,
      set: {
        query: sql`excluded.query`,
        sinceId: null,
        sinceTime: now,
        resumeToken: null,
        pendingSinceId: null,
        nextPollAt: now,
      },
      setWhere: sql`${listenSources.query} is distinct from excluded.query`,
    });
}
