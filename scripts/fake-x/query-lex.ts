/**
 * Cuts a search query into X's lexical pieces: parentheses, OR, negation,
 * "quoted phrases" and words (an operator such as from:alice is one word, and
 * so is url:"https://..." with its quoted value). Positions count from 1, as
 * X's messages do.
 */

export type Piece =
  | { kind: "open"; at: number }
  | { kind: "close"; at: number }
  | { kind: "or"; at: number }
  | { kind: "not"; at: number }
  | { kind: "phrase"; text: string; at: number }
  | { kind: "word"; text: string; at: number };

/** A query X cannot read: the message X gives (without its "There were errors..." prefix) and where. */
export class QueryError extends Error {
  readonly detail: string;
  readonly at: number;
  constructor(detail: string, at: number) {
    super(`${detail} (at position ${at})`);
    this.detail = detail;
    this.at = at;
  }
}

const isSpace = (c: string) => /\s/.test(c);
const endsWord = (c: string | undefined) => c === undefined || isSpace(c) || c === "(" || c === ")";

/** The closing quote's index for a quote at `start`, or the QueryError for a quote left open. */
function closingQuote(query: string, start: number): number {
  const end = query.indexOf('"', start + 1);
  // X's exact words for an unterminated phrase are not known; this is its parser's style.
  if (end < 0) throw new QueryError(`no viable alternative at character '"'`, start + 1);
  return end;
}

/**
 * @example
 * lex('from:alice ("is down" OR -outage)');
 * // word from:alice, open, phrase "is down", or, not, word outage, close
 */
export function lex(query: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    const at = i + 1;
    if (isSpace(c)) {
      i += 1;
    } else if (c === "(" || c === ")") {
      pieces.push(c === "(" ? { kind: "open", at } : { kind: "close", at });
      i += 1;
    } else if (c === "-") {
      if (endsWord(query[i + 1])) throw new QueryError(`no viable alternative at input '-'`, at);
      pieces.push({ kind: "not", at });
      i += 1;
    } else if (c === '"') {
      const end = closingQuote(query, i);
      pieces.push({ kind: "phrase", text: query.slice(i + 1, end), at });
      i = end + 1;
    } else {
      let j = i;
      while (!endsWord(query[j])) {
        // An operator's quoted value belongs to its word: url:"https://x.com/a b".
        j = query[j] === '"' && query[j - 1] === ":" ? closingQuote(query, j) + 1 : j + 1;
      }
      const text = query.slice(i, j);
      pieces.push(text === "OR" ? { kind: "or", at } : { kind: "word", text, at });
      i = j;
    }
  }
  return pieces;
}
