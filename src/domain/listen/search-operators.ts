/**
 * The operators X's recent search (GET /2/tweets/search/recent) accepts, as
 * X's own documentation lists them: docs.x.com "Search Operators" and "Build a
 * query" (github.com/xdevplatform/docs, x-api/posts/search/integrate/
 * operators.mdx and build-a-query.mdx, read at commit 2871328 of 2026-08-22;
 * the aliases from the same file before c2344e2d, which still listed them).
 *
 * X rejects a query that holds only "conjunction-required" operators (or only
 * negations): they would match far too many posts. So the table says, for
 * each operator, whether it can carry a query by itself.
 */
export type SearchOperator = {
  /** True when the operator may be the query's only positive term. */
  standalone: boolean;
  /** The shape the value must have; absent for is:/has: (the key holds the value). */
  value?: RegExp;
  /** What `value` expects, in words, for the error message. */
  expects?: string;
  /** is:nullcast exists only as -is:nullcast. */
  mustNegate?: boolean;
};

const userName = { value: /^(\w{1,15}|\d{1,19})$/, expects: "a user name without @ or a numeric user id" };
const postId = { value: /^\d{1,19}$/, expects: "a numeric post id" };
const count = { value: /^\d+$/, expects: "a whole number" };
const anyValue = { value: /\S/, expects: "a value" };
const standalone = (shape: Omit<SearchOperator, "standalone">): SearchOperator => ({ standalone: true, ...shape });
const conjunction: SearchOperator = { standalone: false };

/**
 * Every operator, keyed by how it is written: "from:" for those that take a
 * value, the whole token ("is:retweet") for the is: and has: families, and
 * "#", "@", "$" for the entity prefixes. Keywords, emoji and "exact phrases"
 * are standalone and need no entry.
 *
 * @example searchOperators["from:"].standalone // true
 * @example searchOperators["has:media"].standalone // false
 */
export const searchOperators: Readonly<Record<string, SearchOperator>> = {
  // Entities: exact matches on a recognised hashtag, mention or cashtag.
  "#": standalone({ value: /^\S+$/, expects: "a hashtag" }),
  "@": standalone({ value: /^\w{1,15}$/, expects: "a user name (letters, digits and _, at most 15)" }),
  $: standalone({ value: /^\S+$/, expects: "a cashtag" }),
  // Users.
  "from:": standalone(userName),
  "to:": standalone(userName),
  "retweets_of:": standalone(userName),
  // URLs, annotations, conversations, lists.
  "url:": standalone(anyValue),
  "context:": standalone({ value: /^\d+\.(\d+|\*)$/, expects: "domain_id.entity_id" }),
  "entity:": standalone(anyValue),
  "conversation_id:": standalone(postId),
  "list:": standalone({ value: /^\d+$/, expects: "a numeric list id" }),
  // Replies, retweets and quotes of one post (and their older *_status_id aliases).
  "in_reply_to_tweet_id:": standalone(postId),
  "in_reply_to_status_id:": standalone(postId),
  "retweets_of_tweet_id:": standalone(postId),
  "retweets_of_status_id:": standalone(postId),
  "quotes_of_tweet_id:": standalone(postId),
  "quotes_of_status_id:": standalone(postId),
  // Places.
  "place:": standalone(anyValue),
  "place_country:": standalone({ value: /^[A-Za-z]{2}$/, expects: "a two-letter country code" }),
  "point_radius:": standalone({
    value: /^\[-?\d+(\.\d+)? -?\d+(\.\d+)? \d+(\.\d+)?(km|mi)\]$/,
    expects: "[longitude latitude radius] with the radius in km or mi",
  }),
  "bounding_box:": standalone({ value: /^\[(-?\d+(\.\d+)? ){3}-?\d+(\.\d+)?\]$/, expects: "[west south east north]" }),
  "geo_bounding_box:": standalone({
    value: /^\[(-?\d+(\.\d+)? ){3}-?\d+(\.\d+)?\]$/,
    expects: "[west south east north]",
  }),
  // Engagement (added to the documentation in August 2026).
  "min_likes:": standalone(count),
  "min_replies:": standalone(count),
  "min_reposts:": standalone(count),
  // Kinds of post: only with a standalone term.
  "is:retweet": conjunction,
  "is:reply": conjunction,
  "is:quote": conjunction,
  "is:verified": conjunction,
  "is:nullcast": { standalone: false, mustNegate: true },
  // Content: only with a standalone term.
  "has:hashtags": conjunction,
  "has:cashtags": conjunction,
  "has:links": conjunction,
  "has:mentions": conjunction,
  "has:media": conjunction,
  "has:media_link": conjunction,
  "has:images": conjunction,
  "has:video_link": conjunction,
  "has:videos": conjunction,
  "has:geo": conjunction,
  // One BCP 47 code (en, pt, zh-TW, hi-Latn); the shape is checked, not the list, which X extends.
  "lang:": { standalone: false, value: /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/i, expects: "a language code such as en" },
};

/**
 * Names that X's web search knows and the API refuses with a 400, with what
 * to write instead (the operators page warns about exactly these).
 *
 * @example webSearchOnly["min_faves:"] // "min_likes:"
 */
export const webSearchOnly: Readonly<Record<string, string>> = {
  "min_faves:": "min_likes:",
  "min_retweets:": "min_reposts:",
};
