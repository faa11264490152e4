/**
 * Recent search's query language, the part the fake models: keywords and
 * "exact phrases", #hashtags, @mentions, from:, to:, conversation_id:,
 * is:reply, is:retweet, is:quote and lang:, joined by spaces (AND, which binds
 * first), OR and parentheses, each negatable with "-". Queries X refuses are
 * refused with its messages where they are known (docs.x.com, "Build a
 * query"; messages developers have quoted from X).
 */
import { lex, type Piece, QueryError } from "./query-lex.ts";

export type Term =
  | { kind: "text"; words: string[] }
  | { kind: "hashtag" | "mention" | "from" | "to" | "conversation" | "lang"; value: string }
  | { kind: "is"; value: "reply" | "retweet" | "quote" };

export type QueryNode =
  | { kind: "term"; term: Term; negated: boolean; at: number }
  | { kind: "and" | "or"; items: QueryNode[]; negated: boolean; at: number };

/** X's operators the fake does not model: accepted by X, refused here with the fake's own words. */
const unmodelled = new Set([
  ...["url", "retweets_of", "context", "entity", "list", "has", "place", "place_country", "point_radius"],
  ...["bounding_box", "in_reply_to_tweet_id", "retweets_of_tweet_id", "quotes_of_tweet_id"],
  ...["min_likes", "min_replies", "min_reposts"],
]);
const unmodelledIs = new Set(["verified", "nullcast"]);

const invalidOperator = (name: string) =>
  `Reference to invalid operator '${name}'. Operator is not available in current product or product packaging. ` +
  "Please refer to complete available operator list at https://developer.twitter.com/en/docs/twitter-api/enterprise/rules-and-filtering/operators-by-product.";

/** The words a keyword or phrase stands for, as text is cut for matching (query-match.ts). */
export function words(text: string): string[] {
  const folded = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return folded.match(/[#@$]?[\p{L}\p{N}_]+|\p{Extended_Pictographic}/gu) ?? [];
}

/** One word of the query as a term: an operator, an entity or a keyword. */
function term(text: string, at: number): Term {
  const ambiguous = /^(and|or)$/i.exec(text);
  if (ambiguous) {
    const w = ambiguous[1].toLowerCase();
    throw new QueryError(
      `Ambiguous use of ${w} as a keyword. Use a space to logically join two clauses, or "${w}" to find occurrences of ${w} in text`,
      at,
    );
  }
  if (/^#[\p{L}\p{N}_]+$/u.test(text)) return { kind: "hashtag", value: text.slice(1).toLowerCase() };
  if (/^@\w{1,15}$/.test(text)) return { kind: "mention", value: text.slice(1).toLowerCase() };
  const operator = /^([a-z_]+):(.*)$/i.exec(text);
  if (!operator) return { kind: "text", words: words(text) };
  const [, name, raw] = operator;
  const value = raw.replace(/^"(.*)"$/, "$1");
  const op = name.toLowerCase();
  if (op === "from" || op === "to") return { kind: op, value: value.replace(/^@/, "").toLowerCase() };
  if (op === "lang") return { kind: "lang", value: value.toLowerCase() };
  if (op === "conversation_id") return { kind: "conversation", value };
  if (op === "is" && (value === "reply" || value === "retweet" || value === "quote")) return { kind: "is", value };
  if ((op === "is" && unmodelledIs.has(value)) || unmodelled.has(op)) {
    throw new QueryError(`The fake X does not model the operator '${text}', which X accepts`, at);
  }
  throw new QueryError(invalidOperator(op === "is" ? text : op), at);
}

/** A recursive-descent reader over the pieces: or := and ("OR" and)*, and := unary+, unary := "-"? atom. */
class Reader {
  private i = 0;
  private readonly pieces: Piece[];
  /** The query's length, for errors at its end. */
  private readonly length: number;
  constructor(pieces: Piece[], length: number) {
    this.pieces = pieces;
    this.length = length;
  }

  private peek(): Piece | undefined {
    return this.pieces[this.i];
  }
  private endAt(): number {
    return this.length + 1;
  }

  query(): QueryNode {
    const node = this.or();
    // or() stops only at the end or at a ")" nobody opened.
    const rest = this.peek();
    if (rest) throw new QueryError("missing EOF at ')'", rest.at);
    return node;
  }

  private or(): QueryNode {
    const items = [this.and()];
    let at = items[0].at;
    while (this.peek()?.kind === "or") {
      at = this.pieces[this.i].at;
      this.i += 1;
      items.push(this.and());
    }
    return items.length === 1 ? items[0] : { kind: "or", items, negated: false, at };
  }

  private and(): QueryNode {
    const items: QueryNode[] = [];
    for (let p = this.peek(); p && p.kind !== "or" && p.kind !== "close"; p = this.peek()) items.push(this.unary());
    if (items.length === 0) {
      const p = this.peek();
      // A dangling OR, or an empty group: X's parser finds nothing where a clause must be.
      const found = p ? (p.kind === "or" ? "OR" : ")") : "<EOF>";
      throw new QueryError(`no viable alternative at input '${found}'`, p?.at ?? this.endAt());
    }
    return items.length === 1 ? items[0] : { kind: "and", items, negated: false, at: items[0].at };
  }

  private unary(): QueryNode {
    const p = this.pieces[this.i];
    this.i += 1;
    if (p.kind === "not") return { ...this.atom(this.pieces[this.i++]), negated: true, at: p.at };
    return this.atom(p);
  }

  private atom(p: Piece | undefined): QueryNode {
    if (!p || p.kind === "or" || p.kind === "close" || p.kind === "not") {
      const found = !p ? "<EOF>" : p.kind === "or" ? "OR" : p.kind === "close" ? ")" : "-";
      throw new QueryError(`no viable alternative at input '${found}'`, p?.at ?? this.endAt());
    }
    if (p.kind === "open") {
      const inner = this.or();
      if (this.peek()?.kind !== "close") throw new QueryError("missing ')' at '<EOF>'", this.endAt());
      this.i += 1;
      return inner;
    }
    if (p.kind === "phrase")
      return { kind: "term", term: { kind: "text", words: words(p.text) }, negated: false, at: p.at };
    return { kind: "term", term: term(p.text, p.at), negated: false, at: p.at };
  }
}

/** Where the query has no clause X would let stand alone, the error X gives; null when it has one. */
function standaloneError(node: QueryNode): QueryError | null {
  const positive = (n: QueryNode): boolean =>
    !n.negated && (n.kind === "term" || (n.kind === "and" ? n.items.some(positive) : n.items.every(positive)));
  const standalone = (n: QueryNode): boolean => {
    if (n.negated) return false;
    if (n.kind === "term") return n.term.kind !== "is" && n.term.kind !== "lang";
    return n.kind === "and" ? n.items.some(standalone) : n.items.every(standalone);
  };
  if (!positive(node)) return new QueryError("Rules must contain a non-negation term", node.at);
  if (!standalone(node)) return new QueryError("is/has/lang cannot be used as a standalone operator", node.at);
  return null;
}

/**
 * The query as a tree, or throws the QueryError X's answer is made from.
 *
 * @example
 * parseQuery("(outage OR down) @candorstatus -is:retweet");
 */
export function parseQuery(query: string): QueryNode {
  const node = new Reader(lex(query), query.length).query();
  const error = standaloneError(node);
  if (error) throw error;
  return node;
}
