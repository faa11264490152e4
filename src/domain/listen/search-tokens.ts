import { searchOperators, webSearchOnly } from "./search-operators.ts";

/** Where a token starts: 1-based, as people count characters in a message. */
type At = { at: number };

export type SearchTerm = At & {
  kind: "term";
  /** As written, without the leading "-". */
  text: string;
  negated: boolean;
  /** Whether it may carry a query alone: keywords, phrases and standalone operators. */
  standalone: boolean;
};

export type SearchToken = SearchTerm | (At & { kind: "open" | "close" | "or" | "and" });

/** A query X would refuse, with the reason in words. */
export class SearchQueryProblem extends Error {}

const quote = (text: string) => JSON.stringify(text);
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
/** Characters that end a bare word: X reads them as syntax. */
const endsWord = (c: string | undefined) => c === undefined || isSpace(c) || c === "(" || c === ")" || c === '"';

/** The index of the character closing what opens at `from` (a quote or "["), or a problem. */
function closing(query: string, from: number, close: string): number {
  const end = query.indexOf(close, from + 1);
  if (end < 0) {
    const what = close === '"' ? "double quote" : quote(query[from]);
    throw new SearchQueryProblem(`has a ${what} at character ${from + 1} that is never closed`);
  }
  return end;
}

/** What one written term is: a keyword, or an operator X knows with a value it accepts. */
function classify(text: string, at: number, negated: boolean): SearchTerm {
  const term = (standalone: boolean): SearchTerm => ({ kind: "term", at, text, negated, standalone });
  const named = /^([A-Za-z_]+):([\s\S]*)$/.exec(text);
  const prefix = "#@$".includes(text[0]) ? text[0] : null;
  if (!named && !prefix) return term(true);
  const family = named?.[1].toLowerCase();
  const key = prefix ?? (family === "is" || family === "has" ? text.toLowerCase() : `${family}:`);
  const value = prefix ? text.slice(1) : named![2];
  const operator = searchOperators[key];
  if (!operator) {
    const instead = webSearchOnly[key];
    if (instead) {
      throw new SearchQueryProblem(`${quote(key)} works only on X's website; the API calls it ${quote(instead)}`);
    }
    throw new SearchQueryProblem(
      `uses an operator X does not know, ${quote(key)} (at character ${at}); put it in double quotes to search for the text`,
    );
  }
  if (operator.mustNegate && !negated) throw new SearchQueryProblem(`${quote(key)} is only allowed negated: -${key}`);
  if (operator.value) {
    const bare = value.startsWith('"') && value.endsWith('"') && value.length > 1 ? value.slice(1, -1) : value;
    if (bare.trim() === "") throw new SearchQueryProblem(`${quote(key)} at character ${at} needs a value`);
    if (!operator.value.test(bare)) {
      throw new SearchQueryProblem(`${quote(text)} at character ${at}: ${quote(key)} expects ${operator.expects}`);
    }
  }
  return term(operator.standalone);
}

/** Reads one term starting at `start` (past any "-", which `at` points to); returns it and where it ends. */
function readTerm(query: string, start: number, negated: boolean, at: number): [SearchTerm, number] {
  if (query[start] === '"') {
    const end = closing(query, start, '"');
    if (query.slice(start + 1, end).trim() === "") {
      throw new SearchQueryProblem(`has an empty phrase "" at character ${start + 1}`);
    }
    return [{ kind: "term", at, text: query.slice(start, end + 1), negated, standalone: true }, end + 1];
  }
  let end = start;
  while (!endsWord(query[end])) {
    // An operator's value may be quoted (url:"https://x.com", place:"new york city")
    // or bracketed (point_radius:[2.35 48.86 16km]): spaces inside belong to it.
    if (query[end] === ":" && (query[end + 1] === '"' || query[end + 1] === "[")) {
      end = closing(query, end + 1, query[end + 1] === '"' ? '"' : "]") + 1;
      break;
    }
    end++;
  }
  return [classify(query.slice(start, end), at, negated), end];
}

/**
 * Splits a recent-search query into terms, parentheses, OR and AND, checking
 * each term on the way. Throws a SearchQueryProblem for what X would refuse
 * at this level: unclosed quotes, unknown operators, bad values, a "-" with
 * nothing after it or in front of a group.
 *
 * @example tokenizeSearchQuery('"acme down" -is:retweet').map((t) => t.kind) // ["term", "term"]
 */
export function tokenizeSearchQuery(query: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (isSpace(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      tokens.push({ kind: c === "(" ? "open" : "close", at: i + 1 });
      i++;
    } else if (c === "-") {
      const next = query[i + 1];
      if (next === "(") {
        throw new SearchQueryProblem(
          `negates a group at character ${i + 1}; X does not allow -( ); negate each term instead (-a -b)`,
        );
      }
      if (next === undefined || isSpace(next) || next === ")" || next === "-") {
        throw new SearchQueryProblem(`has a "-" at character ${i + 1} with no term right after it`);
      }
      const [term, end] = readTerm(query, i + 1, true, i + 1);
      tokens.push(term);
      i = end;
    } else {
      const [term, end] = readTerm(query, i, false, i + 1);
      // Only the upper-case words are operators; "or" is a keyword.
      const connective = term.text === "OR" ? "or" : term.text === "AND" ? "and" : null;
      tokens.push(connective ? { kind: connective, at: i + 1 } : term);
      i = end;
    }
  }
  return tokens;
}
