/** Posts and their includes as X v2 writes them: only the fields asked for, expansions gathered once. */
import { userById } from "./accounts.ts";
import type { Shape } from "./fields.ts";
import { findPost, parentOf } from "./posts.ts";
import type { FakeXState } from "./state.ts";
import type { FakeTweet, FakeXUser } from "./types.ts";

/** X's referenced_tweets, in the order it lists them. */
function references(post: FakeTweet): { type: string; id: string }[] {
  const refs: { type: string; id: string }[] = [];
  if (post.retweetedId) refs.push({ type: "retweeted", id: post.retweetedId });
  if (post.quotedId) refs.push({ type: "quoted", id: post.quotedId });
  if (post.inReplyToId) refs.push({ type: "replied_to", id: post.inReplyToId });
  return refs;
}

function repliedToUserId(state: FakeXState, post: FakeTweet): string | undefined {
  return parentOf(state, post)?.authorId;
}

/**
 * One post: id, text and edit history always, the rest only when asked for,
 * and absent rather than empty (X leaves out a reply's in_reply_to_user_id on
 * a post that is not a reply, and entities when there are none).
 *
 * @example
 * postJson(state, post, new Set(["author_id", "created_at"]));
 */
export function postJson(state: FakeXState, post: FakeTweet, fields: Set<string>): Record<string, unknown> {
  const data: Record<string, unknown> = { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] };
  if (fields.has("author_id")) data.author_id = post.authorId;
  if (fields.has("conversation_id")) data.conversation_id = post.conversationId;
  if (fields.has("created_at")) data.created_at = post.createdAt.toISOString();
  if (fields.has("lang")) data.lang = post.lang;
  const inReplyToUserId = repliedToUserId(state, post);
  if (fields.has("in_reply_to_user_id") && inReplyToUserId) data.in_reply_to_user_id = inReplyToUserId;
  const refs = references(post);
  if (fields.has("referenced_tweets") && refs.length > 0) data.referenced_tweets = refs;
  if (fields.has("entities") && post.mentions.length > 0) data.entities = { mentions: post.mentions };
  return data;
}

/** A user with the fields asked for that the fake knows (id, name and username are always there). */
function userJson(user: FakeXUser, fields: Set<string>): Record<string, unknown> {
  const data: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  if (fields.has("protected")) data.protected = false;
  if (fields.has("verified")) data.verified = false;
  return data;
}

/** The ids each user expansion adds for one post. */
function expandedUserIds(state: FakeXState, post: FakeTweet, expansions: Set<string>): string[] {
  const ids: string[] = [];
  if (expansions.has("author_id")) ids.push(post.authorId);
  if (expansions.has("entities.mentions.username")) ids.push(...post.mentions.map((m) => m.id));
  const repliedTo = repliedToUserId(state, post);
  if (expansions.has("in_reply_to_user_id") && repliedTo) ids.push(repliedTo);
  return ids;
}

/**
 * X's includes for a page: each user or referenced post once, in first-seen
 * order, or undefined when there is nothing to include (X then leaves the
 * key out).
 */
export function includesFor(state: FakeXState, posts: FakeTweet[], shape: Shape): Record<string, unknown> | undefined {
  const { expansions } = shape;
  const referenced = new Map<string, FakeTweet>();
  if (expansions.has("referenced_tweets.id") || expansions.has("referenced_tweets.id.author_id")) {
    for (const post of posts) {
      for (const ref of references(post)) {
        const found = findPost(state, ref.id);
        if (found) referenced.set(found.id, found);
      }
    }
  }
  const userIds = new Set(posts.flatMap((p) => expandedUserIds(state, p, expansions)));
  if (expansions.has("referenced_tweets.id.author_id")) for (const p of referenced.values()) userIds.add(p.authorId);
  const users = [...userIds].map((id) => userById(state, id)).filter((u) => u !== undefined);
  const includes: Record<string, unknown> = {};
  if (users.length > 0) includes.users = users.map((u) => userJson(u, shape.userFields));
  if (referenced.size > 0) includes.tweets = [...referenced.values()].map((p) => postJson(state, p, shape.tweetFields));
  return Object.keys(includes).length > 0 ? includes : undefined;
}
