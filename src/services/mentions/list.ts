import { and, arrayContains, desc, eq } from "drizzle-orm";
import { heardPosts } from "../../db/schema/index.ts";
import { encodeCursor } from "../../lib/cursor.ts";
import type { ServiceContext } from "../context.ts";
import { olderThanCursor } from "../keyset.ts";
import type { HeardPost, ListenSource, MentionState } from "./types.ts";

export type ListMentionsInput = {
  state?: MentionState;
  source?: ListenSource;
  incident?: string;
  cursor?: string;
  limit: number;
};

export type MentionPage = { mentions: HeardPost[]; nextCursor: string | null };

/**
 * The inbox, newest post first, keyset-paginated so that posts heard while
 * someone pages do not shift the pages.
 *
 * @example await listMentions(ctx, { state: "new", limit: 50 })
 */
export async function listMentions(ctx: ServiceContext, input: ListMentionsInput): Promise<MentionPage> {
  const { state, source, incident, cursor, limit } = input;
  const rows = await ctx.db
    .select()
    .from(heardPosts)
    .where(
      and(
        state ? eq(heardPosts.state, state) : undefined,
        source ? arrayContains(heardPosts.foundBy, [source]) : undefined,
        incident ? eq(heardPosts.incidentId, incident) : undefined,
        olderThanCursor(heardPosts.postedAt, heardPosts.id, cursor),
      ),
    )
    .orderBy(desc(heardPosts.postedAt), desc(heardPosts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { mentions: page, nextCursor: rows.length > limit && last ? encodeCursor(last.postedAt, last.id) : null };
}
