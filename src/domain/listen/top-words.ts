/**
 * Common English words that say nothing about what people are posting about,
 * written without apostrophes (they are removed before the lookup, so "don't"
 * and "dont" are one word). Short words (under 3 letters) never count anyway.
 * Unlike most such lists it does not hold "down": in posts about a service,
 * that is the word that matters.
 */
const englishStopWords = new Set(
  `about above after again against all also and any are arent because been before being below between both
  but can cant cannot could couldnt did didnt does doesnt doing dont during each even every few for from
  further get gets getting got had hadnt has hasnt have havent having her here hers herself him himself his how
  into isnt its itself just let lets like more most much must mustnt myself nor not now off once only other
  ought our ours ourselves out over own really same shall shant she should shouldnt some still such than that
  thats the their theirs them themselves then there theres these they theyre this those through too under
  until very was wasnt were werent what whats when where which while who whom whos why will with wont would
  wouldnt yet you youd youll your youre yours yourself yourselves ill ive hes shes weve wed`.split(/\s+/),
);

const urls = /\b(?:https?:\/\/|www\.)\S+/giu;
/** An @handle (in an e-mail address, the domain's first part goes with it: no loss). */
const handles = /@\w+/gu;
/** Letters, marks and digits, with apostrophes inside ("can't", "o'clock"). */
const wordPattern = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * The `n` most frequent words across `texts`: lower-cased, leaving out
 * English stop words, @handles, URLs, and words of fewer than 3 letters
 * (digits count as letters, so "502" stays: it is how people describe
 * errors). Counts are of occurrences; ties keep the order words were first
 * seen, so the result is the same for the same input. For the spike alert's
 * "what are they saying" line, not for analysis: it knows only English.
 *
 * @example topWords(["Login broken again @acme", "login page broken https://x.co/a"], 2)
 * // [{ word: "login", count: 2 }, { word: "broken", count: 2 }]
 */
export function topWords(texts: string[], n: number): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const plain = text.replace(urls, " ").replace(handles, " ").toLowerCase();
    for (const [written] of plain.matchAll(wordPattern)) {
      const word = written.replaceAll("’", "'");
      if ([...word.replaceAll("'", "")].length < 3 || englishStopWords.has(word.replaceAll("'", ""))) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  // Array.prototype.sort is stable: equal counts keep their first-seen order.
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, Math.max(0, n));
}
