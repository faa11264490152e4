/** POST /2/tweets: X's schema, length and reply rules, then the Tweet stored. */
import type { IncomingMessage } from "node:http";
import twitterText from "twitter-text";
import { invalidRequest, problems, schemaError, tooLongMessage } from "../errors.ts";
import { mediaType } from "../http.ts";
import { findPost, makePost } from "../posts.ts";
import { type FakeXState, nextId } from "../state.ts";
import type { Answer, FakeTweet } from "../types.ts";

/** Fields X accepts in POST /2/tweets; others are schema errors. Only text and reply are acted on. */
const tweetFields = new Set([
  "text",
  "reply",
  "quote_tweet_id",
  "media",
  "poll",
  "reply_settings",
  "for_super_followers_only",
  "direct_message_deep_link",
  "geo",
  "nullcast",
  "card_uri",
  "community_id",
  "share_with_followers",
  "made_with_ai",
  "paid_partnership",
  "edit_options",
]);
const replyFields = new Set(["in_reply_to_tweet_id", "exclude_reply_user_ids", "auto_populate_reply_metadata"]);

function refused(answer: Answer): { refused: Answer } {
  return { refused: answer };
}

/** The body as X's schema reads it, or the 400 it answers. */
function readInput(req: IncomingMessage, body: Buffer): { input: Record<string, unknown> } | { refused: Answer } {
  if (mediaType(req) !== "application/json") {
    return refused({
      status: 400,
      body: invalidRequest([
        { parameters: {}, message: "Requests with bodies must have content-type of application/json." },
      ]),
      error: `content-type ${req.headers["content-type"] ?? "(none)"}`,
    });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString("utf8"));
  } catch {
    return refused({
      status: 400,
      body: invalidRequest([{ parameters: {}, message: "Request body is not valid JSON." }]),
    });
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    return refused({ status: 400, body: invalidRequest([{ parameters: {}, message: "$: object expected" }]) });
  }
  const input = payload as Record<string, unknown>;
  for (const field of Object.keys(input)) {
    if (!tweetFields.has(field)) {
      return refused(
        schemaError(`$.${field}: is not defined in the schema and the schema does not allow additional properties`),
      );
    }
  }
  if (input.text !== undefined && typeof input.text !== "string") {
    return refused(schemaError(`$.text: ${typeof input.text} found, string expected`));
  }
  return { input };
}

/** The id replied to (null for none), or the schema error X answers for the reply object. */
function readReply(reply: unknown): { inReplyToId: string | null } | { refused: Answer } {
  if (reply === undefined) return { inReplyToId: null };
  if (typeof reply !== "object" || reply === null) return refused(schemaError("$.reply: object expected"));
  const fields = reply as Record<string, unknown>;
  for (const field of Object.keys(fields)) {
    if (!replyFields.has(field)) {
      return refused(
        schemaError(
          `$.reply.${field}: is not defined in the schema and the schema does not allow additional properties`,
        ),
      );
    }
  }
  if (fields.in_reply_to_tweet_id === undefined) {
    return refused(schemaError("$.reply.in_reply_to_tweet_id: is missing but it is required"));
  }
  if (typeof fields.in_reply_to_tweet_id !== "string" || !/^[0-9]{1,19}$/.test(fields.in_reply_to_tweet_id)) {
    return refused(schemaError("$.reply.in_reply_to_tweet_id: does not match the regex pattern ^[0-9]{1,19}$"));
  }
  return { inReplyToId: fields.in_reply_to_tweet_id };
}

/** Stores a Tweet, or refuses it as X would: bad body, empty or too long, reply to nothing or unsummoned, duplicate. */
export function postTweet(state: FakeXState, req: IncomingMessage, body: Buffer): Answer {
  const read = readInput(req, body);
  if ("refused" in read) return read.refused;
  const { input } = read;
  const reply = readReply(input.reply);
  if ("refused" in reply) return reply.refused;
  const { inReplyToId } = reply;
  const text = input.text as string | undefined;
  if (text === undefined || text === "") {
    // Text is optional on X only alongside media, a poll or a quote, none of which the fake models.
    return {
      status: 400,
      body: invalidRequest([
        { parameters: { text: text === undefined ? [] : [text] }, message: "Tweet text must not be empty." },
      ]),
      error: "empty text",
    };
  }
  const { weightedLength } = twitterText.parseTweet(text);
  if (weightedLength > 280) {
    return {
      status: 400,
      body: invalidRequest([{ parameters: { text: [text] }, message: tooLongMessage }]),
      error: `text weighs ${weightedLength} of 280`,
    };
  }
  const parent = inReplyToId ? findPost(state, inReplyToId) : undefined;
  if (inReplyToId && !parent) {
    return { status: 403, body: problems.replyNotVisible, error: `no visible tweet ${inReplyToId}` };
  }
  if (parent && !summoned(state, parent)) {
    return {
      status: 403,
      body: problems.replyNotSummoned,
      error: `tweet ${parent.id}'s author did not mention or quote us`,
    };
  }
  // Duplicates are judged against our own posts only: another account may say the same words.
  if (state.tweets.some((t) => !t.deletedAt && t.text === text)) {
    return { status: 403, body: problems.duplicate, error: "duplicate content" };
  }
  const createdAt = state.clock();
  const id = nextId(state, createdAt);
  const tweet = makePost(state, { id, text, authorId: state.user.id, createdAt, parent });
  state.tweets.push(tweet);
  state.options.onTweet?.(tweet);
  return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
}

/**
 * X's rule since 23 February 2026 (changelog, "Addressing LLM-generated
 * spam"): an API reply is allowed only when the author of the post replied to
 * "summoned" us, by @mentioning our account or quoting one of our posts. Our
 * own posts can always be replied to, which keeps threads working.
 */
function summoned(state: FakeXState, parent: FakeTweet): boolean {
  if (parent.authorId === state.user.id) return true;
  if (parent.mentions.some((m) => m.id === state.user.id)) return true;
  return parent.quotedId !== null && findPost(state, parent.quotedId)?.authorId === state.user.id;
}
