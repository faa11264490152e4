/**
 * The fields and expansions a read asks for, checked against the names X
 * accepts: a name X does not know gets X's 400, so a typo fails here as it
 * would there. Names X knows but the fake does not model are accepted and
 * render nothing (posts here have no media, polls, places or metrics).
 */
import { parameterError } from "./errors.ts";
import type { Refusal } from "./types.ts";

/** As X lists them in its 400 for an unknown name. */
const tweetFieldNames = [
  "article",
  "attachments",
  "author_id",
  "card_uri",
  "community_id",
  "context_annotations",
  "conversation_id",
  "created_at",
  "display_text_range",
  "edit_controls",
  "edit_history_tweet_ids",
  "entities",
  "geo",
  "id",
  "in_reply_to_user_id",
  "lang",
  "media_metadata",
  "non_public_metrics",
  "note_tweet",
  "organic_metrics",
  "paid_partnership",
  "possibly_sensitive",
  "promoted_metrics",
  "public_metrics",
  "referenced_tweets",
  "reply_settings",
  "scopes",
  "source",
  "suggested_source_links",
  "text",
  "withheld",
];
const userFieldNames = [
  "affiliation",
  "confirmed_email",
  "connection_status",
  "created_at",
  "description",
  "entities",
  "id",
  "is_identity_verified",
  "location",
  "most_recent_tweet_id",
  "name",
  "parody",
  "pinned_tweet_id",
  "profile_banner_url",
  "profile_image_url",
  "protected",
  "public_metrics",
  "receives_your_dm",
  "subscription",
  "subscription_type",
  "url",
  "username",
  "verified",
  "verified_followers_count",
  "verified_type",
  "withheld",
];
const expansionNames = [
  "article.cover_media",
  "article.media_entities",
  "attachments.media_keys",
  "attachments.media_source_tweet",
  "attachments.poll_ids",
  "author_id",
  "edit_history_tweet_ids",
  "entities.mentions.username",
  "geo.place_id",
  "in_reply_to_user_id",
  "referenced_tweets.id",
  "referenced_tweets.id.author_id",
];

/** The post field each expansion expands: X writes it into the post whether or not tweet.fields asked for it. */
const expandedFields: Record<string, string> = {
  author_id: "author_id",
  "entities.mentions.username": "entities",
  in_reply_to_user_id: "in_reply_to_user_id",
  "referenced_tweets.id": "referenced_tweets",
  "referenced_tweets.id.author_id": "referenced_tweets",
};

/** What a read asked to see beyond id, text and edit_history_tweet_ids. */
export type Shape = { tweetFields: Set<string>; userFields: Set<string>; expansions: Set<string> };

/**
 * The comma-separated names in `param`, or X's 400 naming the first one not in `known`.
 *
 * @example
 * readNameList(url, "exclude", ["replies", "retweets"]); // Set { "replies" }, or the 400
 */
export function readNameList(url: URL, param: string, known: string[]): Set<string> | Refusal {
  const values = (url.searchParams.get(param) ?? "").split(",").filter(Boolean);
  const unknown = values.find((v) => !known.includes(v));
  if (unknown === undefined) return new Set(values);
  return parameterError(param, unknown, `The \`${param}\` query parameter value [${unknown}] is not one of [${known}]`);
}

/**
 * The fields and expansions of a read, or X's 400. `post.fields`, the name
 * X's newer documents use, is read as `tweet.fields`. An expansion brings
 * the field it expands (expansions=author_id writes author_id).
 *
 * @example
 * const shape = readShape(new URL("http://x/2/tweets/1?tweet.fields=author_id&expansions=author_id"));
 */
export function readShape(url: URL): Shape | Refusal {
  const tweetParam = url.searchParams.has("post.fields") ? "post.fields" : "tweet.fields";
  const tweetFields = readNameList(url, tweetParam, tweetFieldNames);
  if (!(tweetFields instanceof Set)) return tweetFields;
  const userFields = readNameList(url, "user.fields", userFieldNames);
  if (!(userFields instanceof Set)) return userFields;
  const expansions = readNameList(url, "expansions", expansionNames);
  if (!(expansions instanceof Set)) return expansions;
  for (const expansion of expansions) if (expandedFields[expansion]) tweetFields.add(expandedFields[expansion]);
  return { tweetFields, userFields, expansions };
}
