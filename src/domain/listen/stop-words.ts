/**
 * What a person's own words tell Candor before it replies: that they want no
 * automatic replies, or that the service works again for them. The two err in
 * opposite directions on purpose. saysStop leans towards yes: a reply to
 * someone who asked us to stop is the worse mistake. saysItWorks leans
 * towards no: when unsure, Candor acknowledges as usual.
 */

/** Lower case, one kind of apostrophe, no links or @handles, "never mind" as one word (it is not a "never"). */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\b(?:https?:\/\/|www\.)\S+/g, " ")
    .replace(/@\w+/g, " ")
    .replace(/\bnever\s*mind\b/g, "nvm")
    .replace(/\bno (?:worries|problem|prob)\b/g, " ");
}

type Clause = { text: string; question: boolean };

/** A clause that opens like a question is one, question mark or not: "is it working again". */
const asks = /^(?:is|are|was|were|does|do|did|has|have|can|could|will|would|any ?one|any news|any update)\b/;

/** Sentences and their parts: "it's back, thanks" says two things; "but" turns the story. */
function clauses(text: string): Clause[] {
  return [...normalize(text).matchAll(/([^.!?;,:\n…()]+)([.!?;,:\n…()]*)/g)].flatMap(([, body, end]) =>
    body
      .split(/\s(?:but|though|although|except|[-–—])\s/)
      .map((part, i, parts) => ({
        text: part.trim(),
        question: (i === parts.length - 1 && end.includes("?")) || asks.test(part.trim()),
      }))
      .filter((c) => c.text !== ""),
  );
}

const words = (text: string): string[] => text.match(/[a-z']+/g) ?? [];

/** Words that may stand around a bare "stop" and leave it a request: "please stop it now". */
const stopFillers = new Set(
  "stop please pls plz ok okay just now oh omg ugh seriously it already thanks thank you bot bots right asap guys lol".split(
    " ",
  ),
);

const stopPhrases = [
  /\bunsubscribe\b/,
  /\bopt[- ]?out\b/,
  /\bleave me alone\b/,
  /\bno more (?:auto[- ]?|automated |automatic )?(?:replies|reply|messages|tweets|bots?|dms|notifications|spam)\b/,
  /\b(?:don'?t|do not) (?:(?:reply|respond|message|dm|contact|tag)\b|@ ?me\b)/,
];

/** "stop" followed by what we would be doing: replying, messaging, the bot. */
const stopDoing =
  /\bstop (?:auto[- ]?)?(?:replying|responding|messaging|tweeting|sending|spamming|pinging|tagging|contacting|bothering|answering|dming|@ing|(?:the |these |your |with the )?(?:bots?|auto[- ]?repl(?:y|ies)|automated (?:replies|messages)|replies|messages|spam))\b/g;

/** A "stop" after these is about something else: "non-stop", "can't stop loading". */
const notARequest = /(?:\bnon[- ]?|\b(?:can'?t|cannot|won'?t|never|didn'?t|doesn'?t|don'?t) )$/;

/**
 * True when the text asks Candor to stop replying: a bare STOP (alone, or
 * with "please", "it", "now"…), "stop replying", "unsubscribe", "leave me
 * alone", "no more replies", "don't reply". Whole words, any case; "non-stop",
 * "can't stop loading" and "it stopped working" are not requests.
 *
 * @example saysStop("@acme STOP") // true
 * @example saysStop("please stop replying to me") // true
 * @example saysStop("the page can't stop loading") // false
 */
export function saysStop(text: string): boolean {
  return clauses(text).some((clause) => {
    const ws = words(clause.text);
    if (ws.includes("stop") && ws.every((w) => stopFillers.has(w))) return true;
    if (stopPhrases.some((p) => p.test(clause.text))) return true;
    return [...clause.text.matchAll(stopDoing)].some((m) => !notARequest.test(clause.text.slice(0, m.index)));
  });
}

/** Said as news, the service works: "it's back", "working again", "fixed now", "all good". */
const worksPhrases = [
  /\b(?:it'?s|it is|its|is|are|we'?re|everything'?s|everything is|all|seems|looks|now|finally|came) back\b/,
  /\bback (?:online|to normal|up)\b(?!\s+(?:my|your|the|our|their|his|her|all|everything|files?|data)\b)/,
  /\b(?:works?|working|loads?|loading|runs?|running) (?:again|now|fine|ok|okay|perfectly)\b/,
  /\b(?:it'?s|its|it is|is|are|everything'?s|all|seems|now) (?:working|loading|up)\b/,
  /\bup and running\b/,
  /\b(?:it'?s|its|is|got|been|seems|looks|all|now) (?:fixed|resolved|sorted)\b|\b(?:fixed|resolved|sorted) (?:now|it)\b/,
  /\ball good\b|\b(?:fine|ok|okay|good) now\b/,
  /\bnvm\b|\bfalse alarm\b/,
];

const negation = /\b(?:not|no|never|nothing|nope|still)\b|n'?t\b/;
const workWords =
  /\b(?:back|work|works|working|worked|fixed|resolved|load|loads|loading|up|good|fine|ok|okay|normal)\b/;
/** Hopes, conditions and half-states are not news that it works. */
const hedges =
  /\b(?:when|if|once|hope|hopefully|wish|until|will|soon|yet|whenever|what|why|should|supposed|partially|partly|half|kind of|kinda|sort of|sorta|mostly|somewhat|sometimes|intermittently|slowly|barely|almost)\b/;
const brokenWords =
  /\b(?:down|broken|outage|errors?|fail(?:s|ing|ed)?|crash(?:es|ing|ed)?|slow|stuck|timing out|times out|unable|cannot|5\d\d)\b/;

/** What one clause reports: it works, it is broken, or nothing either way. */
function clauseState({ text, question }: Clause): "works" | "broken" | null {
  if (question) return null;
  if (negation.test(text) && workWords.test(text)) return "broken";
  if (hedges.test(text)) return null;
  if (worksPhrases.some((p) => p.test(text))) return "works";
  return brokenWords.test(text) ? "broken" : null;
}

/**
 * What the text last says about the service: "works", "broken", or null
 * when it says neither (a question, a hope, a thank-you). The last clause
 * that says something wins: "it was down but it's back" works, "it's back
 * but login fails" does not.
 *
 * @example reportedState("Down for an hour, but it's back now") // "works"
 * @example reportedState("still not working") // "broken"
 */
export function reportedState(text: string): "works" | "broken" | null {
  let state: "works" | "broken" | null = null;
  for (const clause of clauses(text)) state = clauseState(clause) ?? state;
  return state;
}

/**
 * True when the text says, as news, that the service works again for them:
 * "it's back", "working again", "works now", "fixed now", "back up", "all
 * good now". Not for "still not working", "not back", "is it back?" or
 * "hope it's fixed soon".
 *
 * @example saysItWorks("ok it's back, thanks") // true
 * @example saysItWorks("it's not back yet") // false
 */
export function saysItWorks(text: string): boolean {
  return reportedState(text) === "works";
}
