import twitterText from "twitter-text";
import { statusWords } from "../domain/maintenance.ts";
import { render } from "./index.ts";

/** X's limit, in weighted characters: a URL counts 23, CJK and emoji count 2. */
export const tweetLimit = 280;
/**
 * Room left for engineers' own wording once the newline and the incident link
 * are added: 256 with a public URL (counted as 23), less when the link is one
 * X would not shorten (localhost, an unknown top-level domain).
 */
export function customTweetLimit(publicUrl: string): number {
  return tweetLimit - tweetLength(`\n${publicUrl}/incidents/inc_${"0".repeat(16)}`);
}

/** A post's public address; X redirects it to the author's current handle. */
export function postUrl(username: string, id: string): string {
  return `https://x.com/${username}/status/${id}`;
}

/** A post's public address; it works whatever the account's handle. */
export function tweetUrl(id: string): string {
  return `https://x.com/i/web/status/${id}`;
}

export function tweetLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

export type TweetFacts = {
  /** True for the post that starts the thread: it names the incident. */
  first: boolean;
  title: string;
  status: string;
  /** What engineers (or the honesty templates) said. */
  message: string;
  /** The promise the update carries ("Next update by 14:30 UTC."); kept whole when the message is cut. */
  promise: string;
  url: string;
  /** Engineers' own text for X; the link is added to it. */
  custom?: string | null;
};

const words = new Intl.Segmenter("en", { granularity: "word" });
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** The longest start of `text` ending at one of `ends` for which `fits` holds, ended with "…". */
function longestFitting(text: string, ends: number[], fits: (candidate: string) => boolean): string {
  const candidate = (n: number) =>
    `${text
      .slice(0, n)
      .trimEnd()
      .replace(/[\s,;:.–—-]+$/u, "")}…`;
  let lo = 0;
  let hi = ends.length - 1;
  let best = "";
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = candidate(ends[mid]);
    if (c !== "…" && fits(c)) {
      best = c;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * The longest start of `text` for which `fits` holds, cut at a word boundary
 * and ended with "…"; when not even the first word fits (a long token,
 * unspaced CJK), cut between characters instead, never inside an emoji.
 * Empty when not even one character fits.
 */
function cut(text: string, fits: (candidate: string) => boolean): string {
  const atWord = longestFitting(
    text,
    [...words.segment(text)].map((s) => s.index + s.segment.length),
    fits,
  );
  if (atWord) return atWord;
  return longestFitting(
    text,
    [...graphemes.segment(text)].map((s) => s.index + s.segment.length),
    fits,
  );
}

/** About this much of the message is kept when the title must be cut to make room for it. */
const messageRoomWhenTitleIsCut = 80;

/**
 * The post for one update: status and (on the thread's first post) the
 * incident's title, the message, its promise and the link. Too long, and the
 * message is cut at a word boundary with "…" while the promise and the link
 * stay; then the title; the link always stays.
 *
 * @example composeTweet({ first: false, status: "identified", message: "Fixing.", promise: "Next update by 14:30 UTC.", ... })
 * // "Identified: Fixing. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_1"
 */
export function composeTweet(facts: TweetFacts): string {
  const label = statusWords[facts.status as keyof typeof statusWords] ?? "Update";
  const draw = (title: string, body: string) =>
    render("tweet/post", {
      custom: facts.custom,
      label,
      title: facts.first ? title : "",
      body,
      url: facts.url,
    }).trim();
  const fits = (text: string) => tweetLength(text) <= tweetLimit;
  if (facts.custom) return draw("", "");
  const promise = facts.promise.trim();
  const join = (message: string) => (promise ? `${message} ${promise}` : message).trim();
  let title = facts.title;
  let text = draw(title, join(facts.message));
  if (fits(text)) return text;
  // Cut the message first, keeping the promise whole.
  const message = cut(facts.message, (m) => fits(draw(title, join(m))));
  if (message) return draw(title, join(message));
  // Then the title, leaving room for the start of the message: the news
  // matters more than the name.
  const start = [...graphemes.segment(facts.message)]
    .slice(0, messageRoomWhenTitleIsCut)
    .map((g) => g.segment)
    .join("");
  title = cut(facts.title, (t) => fits(draw(t, join(start)))) || cut(facts.title, (t) => fits(draw(t, join("")))) || "";
  const rest = fits(draw(title, join(facts.message)))
    ? facts.message
    : cut(facts.message, (m) => fits(draw(title, join(m))));
  text = draw(title, join(rest));
  if (fits(text)) return text;
  // Last resort: cut the whole body, promise included; the link stays.
  return draw(
    title,
    cut(join(facts.message), (b) => fits(draw(title, b))),
  );
}
