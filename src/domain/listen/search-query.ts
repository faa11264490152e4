import { SearchQueryProblem, type SearchToken, tokenizeSearchQuery } from "./search-tokens.ts";

/** Self-serve recent search takes queries up to 512 characters (Build a query, "Query limitations"). */
export const searchQueryLimit = 512;

/**
 * Whether a part of the query could stand alone: it has a positive
 * standalone term. `weakAt` points at the first part that cannot.
 */
type Strength = { strong: boolean; weakAt: number };

const standAlone =
  'a keyword, "phrase", #hashtag, @mention or from: (negated terms and is:, has:, lang: cannot stand alone)';

/**
 * Recursive descent over X's grammar: an expression is alternatives joined
 * by OR, each a sequence of items (AND is a space, or the word AND), each a
 * term or a parenthesised expression. AND binds tighter than OR, as X says.
 * Throws a SearchQueryProblem for what X refuses.
 */
function parse(tokens: SearchToken[]): Strength {
  let i = 0;

  function alternatives(): Strength {
    let result = sequence();
    for (let or = tokens[i]; or?.kind === "or"; or = tokens[i]) {
      if (result.weakAt < 0) throw new SearchQueryProblem(`has an OR at character ${or.at} with nothing before it`);
      i++;
      const next = sequence();
      if (next.weakAt < 0) throw new SearchQueryProblem(`has an OR at character ${or.at} with nothing after it`);
      // X refuses "has:links OR is:retweet": every alternative must be able to stand.
      if (result.strong && !next.strong) result = next;
    }
    return result;
  }

  /** Items until OR, ")" or the end; `weakAt` is -1 when there were none. */
  function sequence(): Strength {
    let strong = false;
    let first = -1;
    for (let t = tokens[i]; t && t.kind !== "or" && t.kind !== "close"; t = tokens[i]) {
      if (t.kind === "and") {
        const next = tokens[i + 1];
        if (first < 0) throw new SearchQueryProblem(`has an AND at character ${t.at} with nothing before it`);
        if (!next || next.kind === "or" || next.kind === "and" || next.kind === "close") {
          throw new SearchQueryProblem(`has an AND at character ${t.at} with nothing after it`);
        }
        i++;
        continue;
      }
      if (first < 0) first = t.at;
      strong = item() || strong;
    }
    return { strong, weakAt: first };
  }

  function item(): boolean {
    const t = tokens[i++];
    if (t.kind === "term") return t.standalone && !t.negated;
    // Only "open" reaches here: sequence() stops at OR and ")" and skips AND.
    if (tokens[i]?.kind === "close") throw new SearchQueryProblem(`has an empty group "()" at character ${t.at}`);
    const inner = alternatives();
    if (tokens[i]?.kind !== "close")
      throw new SearchQueryProblem(`has a "(" at character ${t.at} that is never closed`);
    i++;
    return inner.strong;
  }

  const strength = alternatives();
  const stray = tokens[i];
  if (stray) throw new SearchQueryProblem(`has a ")" at character ${stray.at} without a matching "("`);
  return strength;
}

/**
 * Null when X's recent search would accept `query`, else a short reason,
 * meant to follow the setting's name ("LISTEN_QUERY: is empty"). Checks the
 * length, quotes, parentheses, OR/AND with nothing on one side, negated
 * groups, operators X does not know and their values, and that the query
 * (and each OR alternative) has a positive standalone term, since X refuses
 * queries of only negations or only is:/has:/lang: operators.
 *
 * Lengths count code points: X documents "characters" without saying more.
 *
 * @example checkSearchQuery('(@acme OR "acme down") -is:retweet') // null
 * @example checkSearchQuery("has:media -is:retweet") // "needs a positive term: a keyword, …"
 * @example checkSearchQuery("acme OR") // "has an OR at character 6 with nothing after it"
 */
export function checkSearchQuery(query: string): string | null {
  const length = [...query].length;
  if (length > searchQueryLimit) return `is ${length} characters; X's recent search takes at most ${searchQueryLimit}`;
  if (query.trim() === "") return "is empty";
  try {
    const tokens = tokenizeSearchQuery(query);
    const { strong, weakAt } = parse(tokens);
    if (strong) return null;
    const anyPositive = tokens.some((t) => t.kind === "term" && t.standalone && !t.negated);
    return anyPositive
      ? `has an OR alternative at character ${weakAt} with no positive term: each needs ${standAlone}`
      : `needs a positive term: ${standAlone}`;
  } catch (err) {
    if (err instanceof SearchQueryProblem) return err.message;
    throw err;
  }
}
