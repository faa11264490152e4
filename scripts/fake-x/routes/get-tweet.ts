/** GET /2/tweets/:id: a live post, ours or another account's, with the fields and expansions asked for. */
import { notFoundTweet } from "../errors.ts";
import { readShape } from "../fields.ts";
import { findPost } from "../posts.ts";
import { includesFor, postJson } from "../render.ts";
import type { FakeXState } from "../state.ts";
import type { Answer } from "../types.ts";
import { countUsage } from "../usage.ts";
import { invalidTweetId } from "./tweet-id.ts";

export function getTweet(state: FakeXState, id: string, url: URL): Answer {
  const invalid = invalidTweetId(id);
  if (invalid) return invalid;
  const shape = readShape(url);
  if ("status" in shape) return shape;
  const tweet = findPost(state, id);
  // X answers a missing Tweet with 200 and an errors array, not 404.
  if (!tweet) return { status: 200, body: { errors: [notFoundTweet(id)] } };
  countUsage(state, "GET /2/tweets/:id", 1);
  const includes = includesFor(state, [tweet], shape);
  return { status: 200, body: { data: postJson(state, tweet, shape.tweetFields), ...(includes && { includes }) } };
}
