/**
 * The fake X's listening side, over HTTP through twitter-api-v2's paginators:
 * other accounts' posts, the mentions timeline and a user's posts (pages,
 * since_id, times, reach), the 403 for replies nobody asked for, read limits
 * and the count of posts read.
 */
import { describe, expect, it } from "vitest";
import { problems } from "../../scripts/fake-x/server.ts";
import { fakeXPerTest, firstInvalid, refusal } from "../support/fake-x.ts";
import { minutes, seconds } from "../support/time.ts";

const x = fakeXPerTest();

/** `count` customers' mentions of our account, a second apart, oldest first. */
function mentions(count: number) {
  return Array.from({ length: count }, (_, i) => {
    x.clock.advance(seconds(1));
    return x.fake.postAs(i % 2 ? "bob" : "alice", `@candorstatus is checkout down? (${i})`);
  });
}

/** A raw read, for what the paginators hide (a missing data key, the headers). */
const read = (path: string, query: Record<string, string | number>, id?: string) =>
  x.client.v2.get(path, query, { fullResponse: true, ...(id && { params: { id } }) });

describe("other accounts' posts", () => {
  it("Should store a mention, a reply, a quote and a retweet as X holds them", async () => {
    const root = await x.client.v2.tweet("Investigating checkout errors.");
    const mention = x.fake.postAs("alice", "Is @CandorStatus down? @nobody", { lang: "en" });
    const reply = x.fake.postAs("bob", "Still failing for me", { inReplyToTweetId: root.data.id });
    const quote = x.fake.postAs("carol", "They are on it", { quoteTweetId: root.data.id });
    const retweet = x.fake.postAs("dave", "", { retweetOf: mention.id });

    expect(mention.mentions).toEqual([{ start: 3, end: 16, username: "candorstatus", id: x.fake.user.id }]);
    expect(reply).toMatchObject({ text: "@candorstatus Still failing for me", conversationId: root.data.id });
    expect(retweet.text).toBe(`RT @alice: ${mention.text}`);
    expect(x.fake.users.map((u) => u.username)).toEqual(["alice", "bob", "carol", "dave"]);
    expect(x.fake.tweets.map((t) => t.id)).toEqual([root.data.id]);

    const fields = ["author_id", "conversation_id", "in_reply_to_user_id", "referenced_tweets", "entities", "lang"];
    const got = await x.client.v2.singleTweet(reply.id, { "tweet.fields": fields as never, expansions: ["author_id"] });
    expect(got.data).toEqual({
      id: reply.id,
      text: reply.text,
      edit_history_tweet_ids: [reply.id],
      author_id: x.fake.users[1].id,
      conversation_id: root.data.id,
      in_reply_to_user_id: x.fake.user.id,
      referenced_tweets: [{ type: "replied_to", id: root.data.id }],
      entities: { mentions: [{ start: 0, end: 13, username: "candorstatus", id: x.fake.user.id }] },
      lang: "en",
    });
    expect(got.includes?.users).toEqual([{ id: x.fake.users[1].id, name: "bob", username: "bob" }]);
    const quoted = await x.client.v2.singleTweet(quote.id, { "tweet.fields": ["referenced_tweets"] });
    expect(quoted.data.referenced_tweets).toEqual([{ type: "quoted", id: root.data.id }]);
  });

  it("Should take posts over HTTP with X's field names and refuse what it cannot store", async () => {
    const post = (body: unknown) =>
      fetch(`${x.fake.url}/__fake/posts`, { method: "POST", body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        json: await r.json(),
      }));
    const made = await post({ username: "alice", text: "@candorstatus hello", created_at: "2026-11-23T11:00:00Z" });
    expect(made.status).toBe(200);
    expect(made.json).toMatchObject({ text: "@candorstatus hello", createdAt: "2026-11-23T11:00:00.000Z" });
    expect((await post({ username: "bob", text: "hi", in_reply_to_tweet_id: "123" })).json).toEqual({
      error: "in_reply_to_tweet_id 123 is not a live post on the fake X",
    });
    expect((await post({ username: "not a handle", text: "hi" })).status).toBe(400);
    expect((await post({ username: "candorstatus", text: "hi" })).status).toBe(400);
    expect(await (await fetch(`${x.fake.url}/__fake/posts`)).json()).toEqual([made.json]);
  });
});

describe("GET /2/users/:id/mentions", () => {
  it("Should page through mentions newest first with authors in includes, as the paginator reads them", async () => {
    const posted = mentions(12);
    x.fake.postAs("erin", "Not about anyone.");
    x.fake.postAs("dave", "", { retweetOf: posted[0].id });
    const page = await x.client.v2.userMentionTimeline(x.fake.user.id, {
      max_results: 5,
      expansions: ["author_id"],
      "user.fields": ["username"],
    });
    expect(page.meta).toMatchObject({ result_count: 5, newest_id: posted[11].id, oldest_id: posted[7].id });
    expect(page.meta.next_token).toMatch(/^[0-9a-v]+$/);

    const seen: string[] = [];
    for await (const tweet of page) {
      seen.push(tweet.id);
      expect(page.includes.author(tweet)?.username).toBe(x.fake.users.find((u) => u.id === tweet.author_id)?.username);
    }
    expect(seen).toEqual(posted.map((p) => p.id).reverse());
    expect(page.meta.result_count).toBe(12);
    expect(page.done).toBe(true);
  });

  it("Should answer only newer mentions after since_id, and no data key at all when there are none", async () => {
    const [first, second] = mentions(2);
    const newer = await x.client.v2.userMentionTimeline(x.fake.user.id, { since_id: first.id });
    expect(newer.tweets.map((t) => t.id)).toEqual([second.id]);

    const none = await read("users/:id/mentions", { since_id: second.id }, x.fake.user.id);
    expect(none.data).toEqual({ meta: { result_count: 0 } });
    expect(none.rateLimit).toMatchObject({ limit: 300, remaining: 298 });
  });

  it("Should read start_time and end_time to the second, both inclusive", async () => {
    const posted = mentions(4); // 12:00:01 to 12:00:04
    const within = await x.client.v2.userMentionTimeline(x.fake.user.id, {
      start_time: "2026-11-23T12:00:02Z",
      end_time: "2026-11-23T12:00:03Z",
    });
    expect(within.tweets.map((t) => t.id)).toEqual([posted[2].id, posted[1].id]);
  });

  it("Should refuse bad parameters with X's invalid-request problem", async () => {
    const refusalOf = (query: Record<string, string | number>) =>
      refusal(read("users/:id/mentions", query, x.fake.user.id));
    const refuse = async (query: Record<string, string | number>) => firstInvalid(await refusalOf(query));
    expect((await refusalOf({ max_results: 4 })).data).toEqual({
      errors: [
        {
          parameters: { max_results: ["4"] },
          message: "The `max_results` query parameter value [4] is not between 5 and 100",
        },
      ],
      title: "Invalid Request",
      detail: "One or more parameters to your request was invalid.",
      type: "https://api.twitter.com/2/problems/invalid-request",
    });
    expect((await refuse({ max_results: 101 })).parameters).toEqual({ max_results: ["101"] });
    expect((await refuse({ since_id: "abc" })).message).toBe(
      "The `since_id` query parameter value [abc] does not match ^[0-9]{1,19}$",
    );
    expect((await refuse({ since_id: "20", until_id: "10" })).parameters).toEqual({ until_id: ["10"] });
    const later = { start_time: "2026-11-23T12:00:00Z", end_time: "2026-11-23T11:00:00Z" };
    expect((await refuse(later)).parameters).toEqual({ end_time: ["2026-11-23T11:00:00Z"] });
    expect((await refuse({ start_time: "2009-01-01T00:00:00Z" })).message).toContain("2010-11-06T00:00Z");
    expect((await refuse({ "tweet.fields": "author" })).message).toMatch(
      /^The `tweet.fields` query parameter value \[author\] is not one of \[article,attachments,author_id,/,
    );
    expect((await refuse({ pagination_token: "not-ours!" })).parameters).toEqual({
      pagination_token: ["not-ours!"],
    });
    expect((await refuse({ query: "x" })).message).toMatch(/^The query parameter \[query\] is not one of/);
    expect((await refusal(read("users/:id/mentions", {}, "me"))).code).toBe(400);

    const unknown = await read("users/:id/mentions", {}, "42");
    expect(unknown.data.errors[0]).toMatchObject({
      title: "Not Found Error",
      detail: "Could not find user with id: [42].",
    });
  });

  it("Should reach only the newest 800 mentions, and answer past them without data", async () => {
    const posted = mentions(805);
    const all = await x.client.v2.userMentionTimeline(x.fake.user.id, { max_results: 100 });
    await all.fetchLast();
    expect(all.tweets).toHaveLength(800);
    expect(all.tweets.at(-1)?.id).toBe(posted[5].id);
    const past = await read("users/:id/mentions", { until_id: posted[5].id }, x.fake.user.id);
    expect(past.data).toEqual({ meta: { result_count: 0 } });
  });
});

describe("GET /2/users/:id/tweets", () => {
  it("Should list an account's posts newest first, leave out replies and retweets when asked, and page both ways", async () => {
    const root = x.fake.postAs("alice", "Checkout fails at payment.");
    x.clock.advance(seconds(1));
    const reply = x.fake.postAs("alice", "Still failing.", { inReplyToTweetId: root.id });
    x.clock.advance(seconds(1));
    const retweet = x.fake.postAs("alice", "", { retweetOf: (await x.client.v2.tweet("Investigating.")).data.id });
    const own = await x.client.v2.userTimeline(x.fake.users[0].id, { max_results: 5 });
    expect(own.tweets.map((t) => t.id)).toEqual([retweet.id, reply.id, root.id]);
    const plain = await x.client.v2.userTimeline(x.fake.users[0].id, { exclude: ["replies", "retweets"] });
    expect(plain.tweets.map((t) => t.id)).toEqual([root.id]);
    const ours = await x.client.v2.userTimeline(x.fake.user.id);
    expect(ours.tweets.map((t) => t.text)).toEqual(["Investigating."]);

    for (let i = 0; i < 7; i++) x.fake.postAs("alice", `Update ${i}.`);
    const first = await x.client.v2.userTimeline(x.fake.users[0].id, { max_results: 5 });
    const second = await first.next();
    expect(second.tweets).toHaveLength(5);
    expect(second.meta.previous_token).toBeDefined();
    const back = await second.previous();
    expect(back.tweets.map((t) => t.id)).toEqual(first.tweets.map((t) => t.id));
    const badExclude = await refusal(read("users/:id/tweets", { exclude: "quotes" }, x.fake.users[0].id));
    expect(firstInvalid(badExclude).message).toBe(
      "The `exclude` query parameter value [quotes] is not one of [replies,retweets]",
    );
  });

  it("Should reach only the newest 3,200 posts, 800 without replies", async () => {
    const posted = Array.from({ length: 3201 }, (_, i) => x.fake.postAs("alice", `Post ${i}.`));
    const alice = x.fake.users[0].id;
    const oldestReachable = await read("users/:id/tweets", { until_id: posted[2].id }, alice);
    expect(oldestReachable.data.data.map((t: { id: string }) => t.id)).toEqual([posted[1].id]);
    expect((await read("users/:id/tweets", { until_id: posted[1].id }, alice)).data).toEqual({
      meta: { result_count: 0 },
    });
    const withoutReplies = { until_id: posted[2401].id, exclude: "replies" };
    expect((await read("users/:id/tweets", withoutReplies, alice)).data).toEqual({ meta: { result_count: 0 } });
  });
});

describe("replies since February 2026", () => {
  it("Should refuse a reply to a post that neither mentioned nor quoted us, and allow the rest", async () => {
    const root = await x.client.v2.tweet("Investigating checkout errors.");
    const unrelated = x.fake.postAs("alice", "Checkout is broken everywhere.");
    const err = await refusal(x.client.v2.reply("We are on it.", unrelated.id));
    expect(err.code).toBe(403);
    expect(err.data).toEqual(problems.replyNotSummoned);
    expect(x.fake.tweets).toHaveLength(1);

    const mention = x.fake.postAs("bob", "@candorstatus any news?");
    const quote = x.fake.postAs("carol", "Their status page says investigating", { quoteTweetId: root.data.id });
    const inThread = x.fake.postAs("dave", "Same here", { inReplyToTweetId: root.data.id });
    for (const [i, summoner] of [mention, quote, inThread].entries()) {
      await x.client.v2.reply(`We are on it (${i}).`, summoner.id);
    }
    await x.client.v2.reply("Fix deployed.", root.data.id);
    expect((await refusal(x.client.v2.reply("Fix deployed.", root.data.id))).data).toEqual(problems.duplicate);
    expect(x.fake.tweets).toHaveLength(5);
  });
});

describe("read limits and usage", () => {
  it("Should count each read route in a window of X's size, answer 429 past a limit a test sets, and reset", async () => {
    const firstMe = await x.client.v2.get("users/me", {}, { fullResponse: true });
    expect(firstMe.rateLimit).toMatchObject({ limit: 75, remaining: 74 });
    const search = await read("tweets/search/recent", { query: "checkout" });
    expect(search.rateLimit).toMatchObject({ limit: 300, remaining: 299 });
    expect((await read("users/:id/tweets", {}, x.fake.user.id)).rateLimit?.limit).toBe(900);

    x.fake.setRateLimit({ limit: 2, windowMs: minutes(15) }, "GET /2/users/:id/mentions");
    await read("users/:id/mentions", {}, x.fake.user.id);
    await read("users/:id/mentions", {}, x.fake.user.id);
    const refused = await refusal(read("users/:id/mentions", {}, x.fake.user.id));
    const reset = x.clock.now.getTime() / 1000 + 900;
    expect(refused.code).toBe(429);
    expect(refused.rateLimit).toEqual({ limit: 2, remaining: 0, reset });
    expect(refused.headers["x-rate-limit-reset"]).toBe(String(reset));
    expect((await read("users/:id/tweets", {}, x.fake.user.id)).rateLimit?.remaining).toBe(898);
    expect(() => x.fake.setRateLimit({ limit: 1, windowMs: 1000 }, "GET /2/nothing" as never)).toThrow("no route");

    x.fake.reset();
    expect((await read("users/:id/mentions", {}, x.fake.user.id)).rateLimit).toMatchObject({
      limit: 300,
      remaining: 299,
    });
  });

  it("Should count the posts each read route returned, on the handle and over HTTP, until reset", async () => {
    const posted = mentions(3);
    await x.client.v2.userMentionTimeline(x.fake.user.id, { expansions: ["author_id"] });
    await x.client.v2.search("checkout");
    await x.client.v2.userMentionTimeline(x.fake.user.id, { since_id: posted[2].id });
    await x.client.v2.singleTweet(posted[0].id);
    const expected = {
      "GET /2/users/:id/mentions": 3,
      "GET /2/tweets/search/recent": 3,
      "GET /2/tweets/:id": 1,
    };
    expect(x.fake.usage()).toEqual(expected);
    expect(await (await fetch(`${x.fake.url}/__fake/usage`)).json()).toEqual(expected);
    await fetch(`${x.fake.url}/__fake/reset`, { method: "POST" });
    expect(x.fake.usage()).toEqual({});
    expect(x.fake.posts).toEqual([]);
  });
});
