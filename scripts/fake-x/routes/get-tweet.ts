/** GET /2/tweets/:id: a live Tweet with the tweet.fields asked for. */
import { notFoundTweet } from "../errors.ts";
import type { FakeXState } from "../state.ts";
import type { Answer, FakeTweet } from "../types.ts";
import { invalidTweetId } from "./tweet-id.ts";

/** The Tweet as X v2 shapes it: id, text and edit history always, the rest only when asked for. */
function tweetJson(state: FakeXState, tweet: FakeTweet, fields: Set<string>): Record<string, unknown> {
  const data: Record<string, unknown> = { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] };
  if (fields.has("author_id")) data.author_id = tweet.authorId;
  if (fields.has("conversation_id")) data.conversation_id = tweet.conversationId;
  if (fields.has("created_at")) data.created_at = tweet.createdAt.toISOString();
  if (tweet.inReplyToId) {
    const parent = state.tweets.find((t) => t.id === tweet.inReplyToId);
    if (fields.has("in_reply_to_user_id") && parent) data.in_reply_to_user_id = parent.authorId;
    if (fields.has("referenced_tweets")) data.referenced_tweets = [{ type: "replied_to", id: tweet.inReplyToId }];
  }
  return data;
}

export function getTweet(state: FakeXState, id: string, url: URL): Answer {
  const invalid = invalidTweetId(id);
  if (invalid) return invalid;
  const tweet = state.tweets.find((t) => t.id === id && !t.deletedAt);
  // X answers a missing Tweet with 200 and an errors array, not 404.
  if (!tweet) return { status: 200, body: { errors: [notFoundTweet(id)] } };
  const fields = new Set((url.searchParams.get("tweet.fields") ?? "").split(",").filter(Boolean));
  return { status: 200, body: { data: tweetJson(state, tweet, fields) } };
}
