/**
 * checkSearchQuery against X's documented rules for recent search (docs.x.com,
 * "Build a query" and "Search Operators"): the examples X gives as valid must
 * pass, the ones it gives as refused must not.
 */
import { describe, expect, it } from "vitest";
import { searchOperators } from "../../src/domain/listen/search-operators.ts";
import { checkSearchQuery, searchQueryLimit } from "../../src/domain/listen/search-query.ts";

describe("checkSearchQuery", () => {
  it.each([
    // X's own examples.
    ["#xapiv2"],
    ['"X data" has:mentions (has:media OR has:links)'],
    ["snow day #NoSchool"],
    ["grumpy OR cat OR #meme"],
    ["cat #meme -grumpy"],
    ["(grumpy cat) OR (#meme has:images)"],
    ["(happy OR happiness) lang:en -birthday -is:retweet"],
    ["(happy OR happiness) place_country:GB -birthday -is:retweet"],
    ['pepsi OR cola OR "coca cola"'],
    ["(😃 OR 😡) 😬"],
    ['("X API" OR #v2) -"recent search"'],
    ["(@XDevelopers OR @API) -@X"],
    ["$twtr OR @XDevelopers -$fb"],
    ["from:XDevelopers OR from:API -from:X"],
    ['from:XDevelopers url:"https://developer.twitter.com"'],
    ["retweets_of:twitterdev"],
    ["context:10.799022225751871488"],
    ['entity:"Michael Jordan"'],
    ["conversation_id:1334987486343299072"],
    ["list:123"],
    ["in_reply_to_tweet_id:1539382664746020864"],
    ["in_reply_to_status_id:1539382664746020864"],
    ["quotes_of_tweet_id:1539382664746020864"],
    ['place:"new york city" OR place:seattle OR place:fd70c22040963ac7'],
    ["point_radius:[2.355128 48.861118 16km] OR point_radius:[-41.287336 174.761070 20mi]"],
    ["bounding_box:[-105.301758 39.964069 -105.178505 40.09455]"],
    ["#SuperBowl min_likes:100"],
    ['"mobile games" -is:nullcast'],
    ["#nowplaying is:verified"],
    ["recommend #paris has:geo lang:en"],
    ["context:65.852262932607926273 -context:66.852262932607926273 -is:retweet has:images lang:ja"],
    // Candor's own kind of query.
    ['(@acme OR "acme down" OR #acmedown) -is:retweet -from:acme lang:en'],
    ["acme AND (down OR outage)"],
    ["FROM:acme Is:Reply"],
    ["or acme"],
    ["a".repeat(searchQueryLimit)],
  ])("accepts %s", (query) => {
    expect(checkSearchQuery(query)).toBeNull();
  });

  it.each([
    ["", /is empty/],
    ["   ", /is empty/],
    ["a".repeat(searchQueryLimit + 1), /is 513 characters; X's recent search takes at most 512/],
    ['"acme down', /double quote at character 1 that is never closed/],
    ['acme ""', /empty phrase/],
    ["(acme OR down", /"\(" at character 1 that is never closed/],
    ["acme OR down)", /"\)" at character 13 without a matching "\("/],
    ["acme ()", /empty group/],
    ["OR acme", /OR at character 1 with nothing before it/],
    ["acme OR", /OR at character 6 with nothing after it/],
    ["acme OR OR down", /OR at character 6 with nothing after it/],
    ["(OR acme)", /OR at character 2 with nothing before it/],
    ["(acme OR) down", /OR at character 7 with nothing after it/],
    ["AND acme", /AND at character 1 with nothing before it/],
    ["acme AND", /AND at character 6 with nothing after it/],
    ["acme AND OR down", /AND at character 6 with nothing after it/],
    ["skiing -(snow OR day)", /negates a group at character 8/],
    ["acme -", /"-" at character 6 with no term/],
    ["acme - down", /"-" at character 6 with no term/],
    // Only conjunction-required operators, or only negations.
    ["has:media", /needs a positive term/],
    ["has:links OR is:retweet", /needs a positive term/],
    ["lang:en -is:retweet", /needs a positive term/],
    ["-acme", /needs a positive term/],
    ["-acme -from:acme", /needs a positive term/],
    ["-@acme has:links", /needs a positive term/],
    // An OR alternative that could not stand alone matches "everything with links".
    ["acme OR has:links", /OR alternative at character 9 with no positive term/],
    ["acme OR -down", /OR alternative at character 9 with no positive term/],
    // Operators X does not know, and values it would refuse.
    ["acme foo:bar", /operator X does not know, "foo:"/],
    ["https://acme.com", /operator X does not know, "https:".*double quotes/],
    ["acme is:tweet", /operator X does not know, "is:tweet"/],
    ["acme has:pictures", /operator X does not know, "has:pictures"/],
    ["acme min_faves:10", /"min_faves:" works only on X's website; the API calls it "min_likes:"/],
    ["acme min_retweets:10", /"min_reposts:"/],
    ["acme is:nullcast", /only allowed negated: -is:nullcast/],
    ["acme from:", /"from:" at character 6 needs a value/],
    ["acme from:@someone", /a user name without @/],
    ["acme lang:english", /a language code/],
    ["acme place_country:USA", /two-letter country code/],
    ["acme min_likes:many", /a whole number/],
    ["acme point_radius:[2.35 48.86]", /longitude latitude radius/],
    ["acme point_radius:[2.35 48.86 16km", /"\[" at character 19 that is never closed/],
    ['acme url:"https://acme.com', /double quote at character 10 that is never closed/],
    ["acme #", /"#" at character 6 needs a value/],
    ["@ OR acme", /"@" at character 1 needs a value/],
  ])("refuses %j", (query, reason) => {
    expect(checkSearchQuery(query)).toMatch(reason);
  });

  it("counts characters, not UTF-16 units: an emoji is one", () => {
    expect(checkSearchQuery(`acme ${"😃".repeat(searchQueryLimit - 5)}`)).toBeNull();
  });

  it("reads like a setting's problem when prefixed with its name", () => {
    expect(`LISTEN_QUERY: ${checkSearchQuery("has:media")}`).toMatch(/^LISTEN_QUERY: needs a positive term: /);
  });

  it("keeps one table: every is: and has: operator there is conjunction-required", () => {
    for (const [key, op] of Object.entries(searchOperators)) {
      if (/^(is|has):/.test(key)) expect(op.standalone, key).toBe(false);
    }
    expect(searchOperators["lang:"].standalone).toBe(false);
  });
});
