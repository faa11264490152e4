/** Posts as X holds them: made with their entities, found by id, listed newest first. */
import twitterText from "twitter-text";
import { userByUsername } from "./accounts.ts";
import type { FakeXState } from "./state.ts";
import type { FakeMention, FakeTweet } from "./types.ts";

/** A live post, ours or another account's; deleted ones are gone as on X. */
export function findPost(state: FakeXState, id: string): FakeTweet | undefined {
  return state.tweets.find((t) => t.id === id && !t.deletedAt) ?? state.posts.find((t) => t.id === id && !t.deletedAt);
}

/** The post a reply answers, even one deleted since: X still says whom a reply was to. */
export function parentOf(state: FakeXState, post: FakeTweet): FakeTweet | undefined {
  if (!post.inReplyToId) return undefined;
  return [...state.tweets, ...state.posts].find((t) => t.id === post.inReplyToId);
}

const newestFirst = (a: FakeTweet, b: FakeTweet) => {
  const d = BigInt(b.id) - BigInt(a.id);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
};

/** Every live post, newest first: the order X's timelines and search answer in. */
export function everyPost(state: FakeXState): FakeTweet[] {
  return [...state.tweets, ...state.posts].filter((t) => !t.deletedAt).sort(newestFirst);
}

/**
 * X's entities.mentions: the @handles that name an account it knows, with
 * their indices in code points (twitter-text counts UTF-16 units, so they are
 * converted). A handle nobody holds is plain text on X too.
 */
export function mentionsIn(state: FakeXState, text: string): FakeMention[] {
  const found = twitterText.extractMentionsWithIndices(text);
  twitterText.modifyIndicesFromUTF16ToUnicode(text, found);
  const mentions: FakeMention[] = [];
  for (const { screenName, indices } of found) {
    const user = userByUsername(state, screenName);
    if (user) mentions.push({ start: indices[0], end: indices[1], username: user.username, id: user.id });
  }
  return mentions;
}

/** A post's fields before it is stored; the rest are computed from them. */
export type NewPost = {
  id: string;
  text: string;
  authorId: string;
  createdAt: Date;
  parent?: FakeTweet;
  quotedId?: string | null;
  retweetedId?: string | null;
  lang?: string;
};

/**
 * The stored shape of a post: mentions resolved, X's weighted length, and the
 * conversation of its parent (or its own id when it starts one).
 *
 * @example
 * state.posts.push(makePost(state, { id, text: "@candorstatus down?", authorId: alice.id, createdAt: now }));
 */
export function makePost(state: FakeXState, post: NewPost): FakeTweet {
  return {
    id: post.id,
    text: post.text,
    authorId: post.authorId,
    inReplyToId: post.parent?.id ?? null,
    quotedId: post.quotedId ?? null,
    retweetedId: post.retweetedId ?? null,
    conversationId: post.parent ? post.parent.conversationId : post.id,
    createdAt: post.createdAt,
    lang: post.lang ?? "en",
    mentions: mentionsIn(state, post.text),
    weightedLength: twitterText.parseTweet(post.text).weightedLength,
    deletedAt: null,
  };
}
