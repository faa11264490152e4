import type { TwitterConfig } from "../config.ts";
import { type PageRequest, type XPage, XReadError, type XReader } from "./types.ts";
import { XApiError, XRequestError } from "./x-errors.ts";
import { type XQuery, xHttp } from "./x-http.ts";

type RawPost = {
  id: string;
  text: string;
  author_id?: string;
  created_at?: string;
  conversation_id?: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: { type: string; id: string }[];
  entities?: { mentions?: { username: string }[] };
};
type RawPage = {
  data?: RawPost[];
  includes?: { users?: { id: string; username: string }[] };
  meta?: { next_token?: string; newest_id?: string };
};

/** A page that takes longer is abandoned: the poll's lease must outlive every page it may read. */
export const readTimeoutMs = 10_000;

const postFields = {
  "tweet.fields": "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,entities",
  expansions: "author_id",
  "user.fields": "username",
};

function toPage(raw: RawPage): XPage {
  const names = new Map((raw.includes?.users ?? []).map((u) => [u.id, u.username]));
  const posts = (raw.data ?? []).map((p) => ({
    id: p.id,
    authorId: p.author_id ?? "",
    authorUsername: names.get(p.author_id ?? "") ?? "",
    text: p.text,
    createdAt: new Date(p.created_at ?? 0),
    conversationId: p.conversation_id ?? null,
    inReplyToUserId: p.in_reply_to_user_id ?? null,
    isRetweet: (p.referenced_tweets ?? []).some((r) => r.type === "retweeted"),
    mentions: (p.entities?.mentions ?? []).map((m) => m.username.toLowerCase()),
  }));
  return { posts, nextToken: raw.meta?.next_token ?? null, newestId: raw.meta?.newest_id ?? null };
}

function classify(err: unknown): XReadError {
  if (err instanceof XApiError) {
    if (err.code === 429) return new XReadError("X: rate limited", "rate_limited", err.resetAt);
    const detail = err.data.detail ?? err.message;
    if (err.code >= 500) return new XReadError(`X answered ${err.code}: ${detail}`, "unavailable");
    return new XReadError(`X refused (${err.code}): ${detail}`, "refused");
  }
  if (err instanceof XRequestError) {
    return new XReadError(`X could not be reached: ${err.message}`, "unavailable");
  }
  return new XReadError(`X could not be read: ${(err as Error).message}`, "unavailable");
}

/**
 * Reads X as the posting account (OAuth 1.0a user context): its mentions,
 * recent search, and an author's own posts. Every call is one page; the
 * listener decides how many pages a poll may read (reads are billed per post).
 *
 * @example
 * const page = await createXReader({ twitter }).mentions(me.id, { sinceId, maxResults: 100 });
 */
export function createXReader(options: { twitter: TwitterConfig }): XReader {
  const x = xHttp(options.twitter);
  const get = async <T>(path: string, query: XQuery): Promise<T> => {
    try {
      return await x.get<T>(path, query, { timeoutMs: readTimeoutMs });
    } catch (err) {
      throw classify(err);
    }
  };
  const pageQuery = (page: PageRequest) => ({
    ...postFields,
    max_results: page.maxResults,
    since_id: page.sinceId ?? undefined,
    until_id: page.untilId ?? undefined,
    // X takes one or the other; the id is the exact one.
    start_time: page.sinceId ? undefined : page.startTime?.toISOString(),
  });
  return {
    async me() {
      const res = await get<{ data: { id: string; username: string } }>("users/me", {});
      return { id: res.data.id, username: res.data.username };
    },
    async mentions(userId, page) {
      const raw = await get<RawPage>(`users/${userId}/mentions`, {
        ...pageQuery(page),
        pagination_token: page.pageToken ?? undefined,
      });
      return toPage(raw);
    },
    async search(query, page) {
      const raw = await get<RawPage>("tweets/search/recent", {
        ...pageQuery(page),
        query,
        next_token: page.pageToken ?? undefined,
      });
      return toPage(raw);
    },
    async userPosts(userId, since, maxResults) {
      const raw = await get<RawPage>(`users/${userId}/tweets`, {
        ...postFields,
        max_results: maxResults,
        start_time: since.toISOString(),
      });
      return toPage(raw);
    },
  };
}
