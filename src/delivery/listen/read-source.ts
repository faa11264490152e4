import type { XPage, XPost, XReader } from "../../channels/types.ts";
import type { ListenConfig } from "../../config-listen.ts";
import type { SourceRow } from "./claim-source.ts";
import { readsDay } from "./complete-poll.ts";

/** X's page sizes: mentions and search give at most 100 a page, search at least 10. */
const maxPageSize = 100;
const minPageSize = 10;
/** X keeps only the newest 800 mentions reachable: 8 full pages. */
const mentionReach = 800;
const mentionPages = mentionReach / maxPageSize;
/**
 * A timeline read this long may have been cut at X's 800, even short of it: posts that arrive while a poll pages
 * through push the oldest out of reach, so the last pages come back short (in a burst of 1,000 in a minute, a
 * poll read 794 and none of the 186 oldest). Search then reads on; when nothing is left it bills no posts.
 */
const mentionCutRisk = mentionReach - 2 * maxPageSize;
/** Search pages one poll may read past the mentions timeline's reach (a burst of 3,000 more). */
const overflowPages = 30;
/** Recent search reaches back 7 days; a start_time older than that is refused (a minute's margin). */
const searchReachMs = 7 * 86_400_000 - 60_000;

export type SourceRead = {
  posts: XPost[];
  account: { id: string; username: string };
  /** Posts X returned, as billed. */
  reads: number;
  sinceId: string | null;
  resumeToken: string | null;
  pendingSinceId: string | null;
  /** Nothing was read: today's LISTEN_DAILY_READS is spent. */
  budgetSpent: boolean;
};

/**
 * One poll's reads of one source, newest first, down to the cursor. It stops
 * at the page limit (search: LISTEN_MAX_PAGES; mentions: the 800 X keeps)
 * and keeps X's page token, so the next poll reads the older pages before it
 * moves the cursor past them: nothing between two polls is skipped. Until a
 * post gives a cursor, polls ask for posts after the time listening began
 * (search: no further back than X's 7 days): it starts then, with no week of
 * backlog and no gap. Search stops where today's read budget would be passed.
 *
 * @example const read = await readSource(reader, row, config.listen, now);
 */
export async function readSource(
  reader: XReader,
  row: SourceRow,
  listen: ListenConfig,
  now: Date,
): Promise<SourceRead> {
  const account =
    row.accountId && row.accountUsername ? { id: row.accountId, username: row.accountUsername } : await reader.me();
  const search = row.source === "search" ? listen.search : null;
  let budget = search
    ? search.dailyReads - (row.readsDay === readsDay(now) ? row.readsToday : 0)
    : Number.POSITIVE_INFINITY;
  const pageLimit = search ? search.maxPages : mentionPages;
  const startTime = row.sinceId
    ? null
    : new Date(Math.max((row.sinceTime ?? now).getTime(), now.getTime() - searchReachMs));
  const posts: XPost[] = [];
  let token = row.resumeToken;
  let newest = row.pendingSinceId;
  let reads = 0;
  let pages = 0;
  while (pages < pageLimit) {
    const size = Math.min(maxPageSize, budget);
    if (size < minPageSize) break;
    const request = { sinceId: row.sinceId, startTime, pageToken: token, maxResults: size };
    const page: XPage = search
      ? await reader.search(search.query, request)
      : await reader.mentions(account.id, request);
    pages++;
    posts.push(...page.posts);
    reads += page.posts.length;
    budget -= page.posts.length;
    newest ??= page.newestId;
    token = page.nextToken;
    if (!token) break;
  }
  // X's mentions timeline reaches back only 800 posts: a poll that read (nearly) them all may have missed older
  // ones since the cursor. Recent search (7 days, no such cap) reads the rest, down to the cursor.
  if (!search && reads >= mentionCutRisk) {
    const overflow = await readMentionOverflow(reader, account, {
      sinceId: row.sinceId,
      startTime,
      untilId: posts.at(-1)?.id ?? null,
    });
    posts.push(...overflow);
    reads += overflow.length;
  }
  const budgetSpent = pages === 0;
  // Pages left behind (the page limit or the budget): keep the token and the newest id it leads to.
  if (token) {
    return { posts, account, reads, sinceId: row.sinceId, resumeToken: token, pendingSinceId: newest, budgetSpent };
  }
  return {
    posts,
    account,
    reads,
    sinceId: newest ?? row.sinceId,
    resumeToken: null,
    pendingSinceId: null,
    budgetSpent,
  };
}

/**
 * The mentions older than the timeline's 800, found by recent search for the
 * account's @handle (not its own posts), between the cursor and the oldest
 * one the timeline gave. Billed as search reads.
 */
async function readMentionOverflow(
  reader: XReader,
  account: { username: string },
  bounds: { sinceId: string | null; startTime: Date | null; untilId: string | null },
): Promise<XPost[]> {
  const found: XPost[] = [];
  const query = `@${account.username} -from:${account.username}`;
  let token: string | null = null;
  for (let pages = 0; pages < overflowPages; pages++) {
    const page = await reader.search(query, { ...bounds, pageToken: token, maxResults: maxPageSize });
    found.push(...page.posts);
    token = page.nextToken;
    if (!token) break;
  }
  return found;
}
