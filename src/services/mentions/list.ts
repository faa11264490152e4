import { and, arrayContains, desc, eq, lt, or } from "drizzle-orm";
import { heardPosts } from "../../db/schema/index.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import type { ServiceContext } from "../context.ts";
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
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await ctx.db
    .select()
    .from(heardPosts)
    .where(
      and(
        state ? eq(heardPosts.state, state) : undefined,
        source ? arrayContains(heardPosts.foundBy, [source]) : undefined,
        incident ? eq(heardPosts.incidentId, incident) : undefined,
        after
          ? or(lt(heardPosts.postedAt, after.at), and(eq(heardPosts.postedAt, after.at), lt(heardPosts.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(heardPosts.postedAt), desc(heardPosts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { mentions: page, nextCursor: rows.length > limit && last ? encodeCursor(last.postedAt, last.id) : null };
}
