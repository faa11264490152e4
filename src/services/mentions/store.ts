import { sql } from "drizzle-orm";
import type { XPost } from "../../channels/types.ts";
import { heardPosts } from "../../db/schema/index.ts";
import { postUrl } from "../../render/tweet.ts";
import { queryable, type ServiceContext } from "../context.ts";
import { openIncidentId } from "./open-incident.ts";
import type { Account, ListenSource } from "./types.ts";

export type StoreHeardInput = { posts: XPost[]; source: ListenSource; account: Account };

/**
 * Puts what a poll heard in the inbox: each post once, whichever sources
 * found it (a post found by both keeps both), tied to the incident open at
 * the time, if any. Returns the ids that are new to the inbox or new to
 * this source (a post search found first and mentions now: the
 * acknowledgement rule looks at it again, now that it knows it mentions us).
 *
 * @example await storeHeardPosts(ctx, { posts: page.posts, source: "mentions", account })
 */
export async function storeHeardPosts(ctx: ServiceContext, input: StoreHeardInput): Promise<string[]> {
  const { posts, source, account } = input;
  if (posts.length === 0) return [];
  const db = queryable(ctx);
  const now = ctx.clock();
  const open = await openIncidentId(db);
  const handle = account.username.toLowerCase();
  const rows = posts.map((p) => ({
    id: p.id,
    authorId: p.authorId,
    authorUsername: p.authorUsername,
    text: p.text,
    postedAt: p.createdAt,
    url: postUrl(p.authorUsername || "i", p.id),
    foundBy: [source],
    // X's mentions timeline holds replies to us too, which mention us without an @ in the text.
    mentionsUs: source === "mentions" || p.mentions.includes(handle),
    fromUs: p.authorId === account.id,
    isRetweet: p.isRetweet,
    inOurThread: p.inReplyToUserId === account.id,
    incidentId: open,
    heardAt: now,
    updatedAt: now,
  }));
  const inserted = await db
    .insert(heardPosts)
    .values(rows)
    .onConflictDoUpdate({
      target: heardPosts.id,
      set: {
        foundBy: sql`array(select distinct unnest(${heardPosts.foundBy} || excluded.found_by) order by 1)`,
        mentionsUs: sql`${heardPosts.mentionsUs} or excluded.mentions_us`,
      },
      // Only when the source is new to the row: a post read again by the same source changes nothing.
      setWhere: sql`not (${heardPosts.foundBy} @> excluded.found_by)`,
    })
    .returning({ id: heardPosts.id });
  return inserted.map((r) => r.id);
}
