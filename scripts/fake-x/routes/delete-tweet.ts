/** DELETE /2/tweets/:id: X says whether it deleted something, and answers 200 either way. */
import type { FakeXState } from "../state.ts";
import type { Answer } from "../types.ts";
import { invalidTweetId } from "./tweet-id.ts";

export function deleteTweet(state: FakeXState, id: string): Answer {
  const invalid = invalidTweetId(id);
  if (invalid) return invalid;
  const tweet = state.tweets.find((t) => t.id === id && !t.deletedAt);
  if (tweet) tweet.deletedAt = state.clock();
  return { status: 200, body: { data: { deleted: Boolean(tweet) } } };
}
