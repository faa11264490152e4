/**
 * Whether a post matches a parsed search query. Keywords match whole words
 * (X's "tokenized match"), case and accents ignored; a phrase matches its
 * words in a row. A keyword does not match a #hashtag or an @handle: those
 * have operators of their own. Only the post's own text counts, not that of
 * the post it quotes (docs.x.com, "Quote Tweet matching").
 */
import { userById } from "./accounts.ts";
import { parentOf } from "./posts.ts";
import { type QueryNode, type Term, words } from "./query-parse.ts";
import type { FakeXState } from "./state.ts";
import type { FakeTweet } from "./types.ts";

/** The words of `text` contain `wanted` in a row. */
function containsRun(text: string[], wanted: string[]): boolean {
  if (wanted.length === 0) return false;
  for (let i = 0; i + wanted.length <= text.length; i++) {
    if (wanted.every((w, k) => text[i + k] === w)) return true;
  }
  return false;
}

function matchesTerm(state: FakeXState, post: FakeTweet, text: string[], term: Term): boolean {
  switch (term.kind) {
    case "text":
      return containsRun(text, term.words);
    case "hashtag":
      return text.includes(`#${words(term.value)[0] ?? ""}`);
    case "mention":
      return post.mentions.some((m) => m.username.toLowerCase() === term.value);
    case "from":
      return userById(state, post.authorId)?.username.toLowerCase() === term.value;
    case "to": {
      // X's to: means "in reply to".
      const parent = parentOf(state, post);
      return !!parent && userById(state, parent.authorId)?.username.toLowerCase() === term.value;
    }
    case "conversation":
      return post.conversationId === term.value;
    case "lang":
      return post.lang.toLowerCase() === term.value;
    case "is":
      if (term.value === "reply") return post.inReplyToId !== null;
      if (term.value === "quote") return post.quotedId !== null;
      return post.retweetedId !== null;
  }
}

function matchesNode(state: FakeXState, post: FakeTweet, text: string[], node: QueryNode): boolean {
  let result: boolean;
  if (node.kind === "term") result = matchesTerm(state, post, text, node.term);
  else if (node.kind === "and") result = node.items.every((n) => matchesNode(state, post, text, n));
  else result = node.items.some((n) => matchesNode(state, post, text, n));
  return node.negated ? !result : result;
}

/**
 * @example
 * everyPost(state).filter((p) => matchesQuery(state, p, parseQuery("outage -from:candorstatus")));
 */
export function matchesQuery(state: FakeXState, post: FakeTweet, query: QueryNode): boolean {
  return matchesNode(state, post, words(post.text), query);
}
