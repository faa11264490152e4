/**
 * Posts by other accounts, for tests of listening: a customer's mention, a
 * reply in our thread, a quote or a retweet, stored as X would hold them.
 * Not an X endpoint: the `postAs` handle method and POST /__fake/posts.
 */
import twitterText from "twitter-text";
import { ensureUser, userById, usernamePattern } from "./accounts.ts";
import { findPost, makePost } from "./posts.ts";
import { type FakeXState, idAt, nextId } from "./state.ts";
import type { FakeTweet, PostAsOptions } from "./types.ts";

/** X truncates a retweet's text past 140 characters (docs.x.com, timelines "Edge cases"). */
const retweetTextLimit = 140;

function referenced(state: FakeXState, id: string | undefined, what: string): FakeTweet | undefined {
  if (id === undefined) return undefined;
  const post = findPost(state, id);
  if (!post) throw new Error(`${what} ${id} is not a live post on the fake X`);
  return post;
}

/** "RT @author: text", cut as X cuts it. */
function retweetText(state: FakeXState, original: FakeTweet): string {
  const text = `RT @${userById(state, original.authorId)!.username}: ${original.text}`;
  const chars = [...text];
  return chars.length <= retweetTextLimit ? text : `${chars.slice(0, retweetTextLimit - 1).join("")}…`;
}

/** A reply's text as X's clients send it: the parent author's @handle first, unless the text names them already. */
function replyText(state: FakeXState, text: string, username: string, parent: FakeTweet): string {
  const parentAuthor = userById(state, parent.authorId)!;
  if (parentAuthor.username.toLowerCase() === username.toLowerCase()) return text;
  const named = twitterText.extractMentions(text).some((m) => m.toLowerCase() === parentAuthor.username.toLowerCase());
  return named ? text : `@${parentAuthor.username} ${text}`;
}

/**
 * Stores a post by `username` (an account made on first use) and returns it.
 * Throws, saying why, for a handle X would not allow, our own account (it
 * posts through POST /2/tweets), empty or over-long text, a reply, quote or
 * retweet of a post that is not there, or a date that is not one.
 *
 * @example
 * const mention = postAs(state, "alice", "@candorstatus is the API down?");
 * postAs(state, "bob", "Same here", { inReplyToTweetId: mention.id });
 */
export function postAs(state: FakeXState, username: string, text: string, options: PostAsOptions = {}): FakeTweet {
  if (!usernamePattern.test(username)) throw new Error(`username ${JSON.stringify(username)} is not an X handle`);
  if (username.toLowerCase() === state.user.username.toLowerCase()) {
    throw new Error(`@${state.user.username} is the fake's own account: post through POST /2/tweets`);
  }
  const createdAt = options.createdAt ?? state.clock();
  if (Number.isNaN(createdAt.getTime())) throw new Error("createdAt is not a date");
  const parent = referenced(state, options.inReplyToTweetId, "in_reply_to_tweet_id");
  const quoted = referenced(state, options.quoteTweetId, "quote_tweet_id");
  const original = referenced(state, options.retweetOf, "retweet_of");
  if (!original && text.trim() === "") throw new Error("text is empty");
  let body = text;
  if (original) body = retweetText(state, original);
  else if (parent) body = replyText(state, text, username, parent);
  const { weightedLength } = twitterText.parseTweet(body);
  if (weightedLength > 280) throw new Error(`text weighs ${weightedLength} of X's 280`);
  const author = ensureUser(state, username, options.name);
  const id = options.createdAt ? idAt(state, createdAt) : nextId(state, createdAt);
  const post = makePost(state, {
    id,
    text: body,
    authorId: author.id,
    createdAt,
    parent: original ? undefined : parent,
    quotedId: quoted?.id ?? null,
    retweetedId: original?.id ?? null,
    lang: options.lang,
  });
  state.posts.push(post);
  return post;
}
