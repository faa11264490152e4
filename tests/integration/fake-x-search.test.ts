/**
 * The fake X's recent search, over HTTP through twitter-api-v2's search
 * paginator: the query language it models, the queries X refuses, the 7-day
 * window on the injected clock, pages and since_id polling.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { fakeXPerTest, firstInvalid, refusal } from "../support/fake-x.ts";
import { days, seconds } from "../support/time.ts";

const x = fakeXPerTest();

/** The texts a query finds, newest first. */
async function found(query: string): Promise<string[]> {
  const page = await x.client.v2.search(query, { max_results: 100 });
  return page.tweets.map((t) => t.text);
}

/** The message of X's 400 for a search. */
async function refusedWith(query: Record<string, string | number>): Promise<string> {
  const err = await refusal(x.client.v2.get("tweets/search/recent", query));
  expect(err.code).toBe(400);
  expect(err.data).toMatchObject({
    title: "Invalid Request",
    type: "https://api.twitter.com/2/problems/invalid-request",
  });
  return firstInvalid(err).message;
}

describe("the query language", () => {
  beforeEach(async () => {
    const root = await x.client.v2.tweet("Checkout errors: investigating.");
    const say = (username: string, text: string, options = {}) => {
      x.clock.advance(seconds(1));
      return x.fake.postAs(username, text, options);
    };
    const down = say("alice", "Checkout is DOWN for me");
    say("bob", "download the app");
    say("carol", "@candorstatus checkout down?");
    say("dave", "Still down", { inReplyToTweetId: root.data.id });
    say("erin", "Their page says investigating", { quoteTweetId: root.data.id });
    say("frank", "", { retweetOf: down.id });
    say("gina", "La caisse est en panne", { lang: "fr" });
    say("ivan", "#Outage again, checkout down");
    x.clock.advance(seconds(30));
  });

  it("Should match keywords as whole words in any case, phrases in a row, and AND by space", async () => {
    const ivan = "#Outage again, checkout down";
    expect(await found("down")).toEqual([
      ivan,
      "@candorstatus Still down",
      "@candorstatus checkout down?",
      "Checkout is DOWN for me",
    ]);
    expect(await found('"checkout is down"')).toEqual(["Checkout is DOWN for me"]);
    expect(await found("checkout down")).toEqual([ivan, "@candorstatus checkout down?", "Checkout is DOWN for me"]);
    expect(await found("#outage")).toEqual([ivan]);
  });

  it("Should apply OR after AND, parentheses and negation", async () => {
    expect(await found("panne OR checkout is")).toEqual(["La caisse est en panne", "Checkout is DOWN for me"]);
    expect(await found("(panne OR investigating) -from:candorstatus")).toEqual([
      "La caisse est en panne",
      "Their page says investigating",
    ]);
    expect(await found("checkout -down")).toEqual(["Checkout errors: investigating."]);
  });

  it("Should match @mentions, from:, to:, is:reply, is:quote, is:retweet and lang:, and never return retweets", async () => {
    expect(await found("@candorstatus")).toEqual(["@candorstatus Still down", "@candorstatus checkout down?"]);
    expect(await found("from:Alice")).toEqual(["Checkout is DOWN for me"]);
    expect(await found("to:candorstatus")).toEqual(["@candorstatus Still down"]);
    expect(await found("down is:reply")).toEqual(["@candorstatus Still down"]);
    expect(await found("down -is:reply")).toHaveLength(3);
    expect(await found("investigating is:quote")).toEqual(["Their page says investigating"]);
    expect(await found("down is:retweet")).toEqual([]);
    expect(await found("down -is:retweet")).toHaveLength(4);
    expect(await found("from:frank")).toEqual([]);
    expect(await found("panne lang:fr")).toEqual(["La caisse est en panne"]);
    expect(await found("down lang:fr")).toEqual([]);
  });
});

describe("queries X refuses", () => {
  it.each([
    ['"checkout down', `no viable alternative at character '"' (at position 1)`],
    ["(checkout down", "missing ')' at '<EOF>' (at position 15)"],
    ["checkout down)", "missing EOF at ')' (at position 14)"],
    ["-checkout -down", "Rules must contain a non-negation term (at position 1)"],
    ["checkout OR", "no viable alternative at input '<EOF>' (at position 12)"],
    ["OR checkout", "no viable alternative at input 'OR' (at position 1)"],
    ["is:reply lang:en", "is/has/lang cannot be used as a standalone operator (at position 1)"],
    ["checkout since:2026-11-01", "Reference to invalid operator 'since'. Operator is not available"],
    ["checkout is:polls", "Reference to invalid operator 'is:polls'."],
    ["checkout AND down", "Ambiguous use of and as a keyword."],
  ])("Should refuse %j with X's 400", async (query, message) => {
    expect(await refusedWith({ query })).toContain(`There were errors processing your request: ${message}`);
  });

  it("Should refuse an empty or over-long query, max_results outside 10 to 100, and since_id with start_time", async () => {
    expect(await refusedWith({ query: "" })).toBe("The `query` query parameter can not be empty");
    const longest = `checkout ${"a".repeat(503)}`;
    expect(longest).toHaveLength(512);
    expect(await found(longest)).toEqual([]);
    expect(await refusedWith({ query: `${longest}b` })).toContain("512");
    expect(await refusedWith({ query: "down", max_results: 9 })).toBe(
      "The `max_results` query parameter value [9] is not between 10 and 100",
    );
    expect(await refusedWith({ query: "down", max_results: 101 })).toContain("[101] is not between 10 and 100");
    const both = { query: "down", since_id: "1", start_time: x.clock.in(-days(1)) };
    expect(await refusedWith(both)).toBe("At most one of `start_time`, `since_id` may be provided.");
  });
});

describe("the last 7 days", () => {
  it("Should find only posts of the last 7 days on the injected clock, and refuse bounds outside them", async () => {
    const old = x.fake.postAs("alice", "checkout down last week", { createdAt: new Date(x.clock.in(-days(8))) });
    x.fake.postAs("bob", "checkout down this week", { createdAt: new Date(x.clock.in(-days(6))) });
    expect(await found("checkout")).toEqual(["checkout down this week"]);
    x.clock.advance(days(2));
    expect(await found("checkout")).toEqual([]);

    const weekAgo = new Date(x.clock.now.getTime() - days(7)).toISOString().slice(0, 16);
    expect(await refusedWith({ query: "checkout", start_time: x.clock.in(-days(8)) })).toBe(
      `Invalid 'start_time':'${new Date(x.clock.in(-days(8))).toISOString().slice(0, 16)}Z'. 'start_time' must be on or after ${weekAgo}Z`,
    );
    expect(await refusedWith({ query: "checkout", since_id: old.id })).toMatch(
      new RegExp(
        `^'since_id' must be a tweet id created after ${weekAgo}Z. Please use a 'since_id' that is larger than \\d+$`,
      ),
    );
    expect(await refusedWith({ query: "checkout", end_time: x.clock.in(-seconds(5)) })).toMatch(
      /'end_time' must be a minimum of 10 seconds prior to the request time\.$/,
    );
  });

  it("Should stop before end_time's own second and start at start_time's", async () => {
    const posted = [1, 2, 3].map((n) => {
      x.clock.advance(seconds(1));
      return x.fake.postAs("alice", `checkout ${n}`);
    });
    x.clock.advance(seconds(30));
    const page = await x.client.v2.search("checkout", {
      start_time: "2026-11-23T12:00:02Z",
      end_time: "2026-11-23T12:00:03Z",
    });
    expect(page.tweets.map((t) => t.id)).toEqual([posted[1].id]);
  });
});

describe("pages and polling", () => {
  it("Should page with next_token through the paginator, then answer a since_id poll with only what is new", async () => {
    const posted = Array.from({ length: 25 }, (_, i) => x.fake.postAs(i % 3 ? "alice" : "bob", `checkout down ${i}`));
    const page = await x.client.v2.search("checkout", { expansions: ["author_id"] });
    expect(page.meta).toMatchObject({ result_count: 10, newest_id: posted[24].id, oldest_id: posted[15].id });
    expect(page.meta).not.toHaveProperty("previous_token");
    const all: string[] = [];
    for await (const tweet of page) all.push(tweet.id);
    expect(all).toEqual(posted.map((p) => p.id).reverse());
    expect(new Set(page.includes.users.map((u) => u.username))).toEqual(new Set(["alice", "bob"]));

    const quiet = await x.client.v2.search("checkout", { since_id: posted[24].id });
    expect(quiet.tweets).toEqual([]);
    expect(quiet.meta).toEqual({ result_count: 0 });
    x.clock.advance(seconds(20));
    const fresh = [x.fake.postAs("carol", "checkout again"), x.fake.postAs("dave", "is checkout down")];
    const poll = await x.client.v2.search("checkout", { since_id: posted[24].id });
    expect(poll.tweets.map((t) => t.id)).toEqual(fresh.map((p) => p.id).reverse());
    expect(x.fake.usage()["GET /2/tweets/search/recent"]).toBe(27);
  });
});
