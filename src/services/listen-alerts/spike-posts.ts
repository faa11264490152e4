import { and, eq, gt, lte, or } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { heardPosts } from "../../db/schema/index.ts";

/** A heard post as the spike check needs it: who and when to count, what and where to quote. */
export type SpikePostRow = { authorId: string; postedAt: Date; text: string; url: string };

const dayMs = 24 * 60 * 60 * 1000;
/** The window ending now and the same window on each of the 7 days before: all the spike rule looks at. */
const windowsCounted = 8;

/**
 * The posts the spike rule counts: only those inside its eight windows (not
 * the whole week, which with search on can be thousands), leaving out our own
 * posts and replies in our threads, which are the conversation we started,
 * not people noticing trouble.
 *
 * @example await spikePosts(tx, now, 600_000) // [{ authorId, postedAt, text, url }, ...]
 */
export async function spikePosts(db: Queryable, now: Date, windowMs: number): Promise<SpikePostRow[]> {
  const windows = Array.from({ length: windowsCounted }, (_, day) => {
    const end = now.getTime() - day * dayMs;
    return and(gt(heardPosts.postedAt, new Date(end - windowMs)), lte(heardPosts.postedAt, new Date(end)));
  });
  return db
    .select({
      authorId: heardPosts.authorId,
      postedAt: heardPosts.postedAt,
      text: heardPosts.text,
      url: heardPosts.url,
    })
    .from(heardPosts)
    .where(and(eq(heardPosts.fromUs, false), eq(heardPosts.inOurThread, false), or(...windows)));
}

/**
 * Links to a few of the window's posts, newest first, one per person, so the
 * examples are not one person's twenty posts.
 *
 * @example examplePosts(rows, 5) // ["https://x.com/ada/status/1", ...]
 */
export function examplePosts(rows: readonly SpikePostRow[], limit: number): string[] {
  const seen = new Set<string>();
  const urls: string[] = [];
  for (const row of [...rows].sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime())) {
    if (urls.length >= limit) break;
    if (seen.has(row.authorId)) continue;
    seen.add(row.authorId);
    urls.push(row.url);
  }
  return urls;
}
