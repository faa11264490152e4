import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { ApiRequestError, TwitterApi } from "twitter-api-v2";
import twitterText from "twitter-text";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { twitterClientFor } from "../../scripts/fake-x/client.ts";
import {
  type FakeX,
  fakeXCredentials,
  oauth1Signature,
  percentEncode,
  problems,
  startFakeX,
  tooLongMessage,
} from "../../scripts/fake-x/server.ts";
import { refusal } from "../support/fake-x.ts";
import { waitFor } from "../support/wait.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** client.v2's base URL, through the method the typings keep protected. */
function withPrefix(client: TwitterApi, prefix: string) {
  (client.v2 as unknown as { setPrefix(prefix: string): void }).setPrefix(prefix);
}

/** An OAuth 1.0a header signed outside the library, for what the library never sends (a stale timestamp). */
function forgedAuthorization(method: string, url: string, timestamp: number, nonce = randomBytes(16).toString("hex")) {
  const oauth: Record<string, string> = {
    oauth_consumer_key: fakeXCredentials.appKey,
    oauth_nonce: nonce,
    oauth_signature_method: "HMAC-SHA1",
    oauth_timestamp: String(timestamp),
    oauth_token: fakeXCredentials.accessToken,
    oauth_version: "1.0",
  };
  const { signature } = oauth1Signature({
    method,
    baseUrl: url,
    params: Object.entries(oauth),
    consumerSecret: fakeXCredentials.appSecret,
    tokenSecret: fakeXCredentials.accessSecret,
  });
  oauth.oauth_signature = signature;
  return `OAuth ${Object.entries(oauth)
    .map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`)
    .join(", ")}`;
}

describe("the fake X API, driven through twitter-api-v2", () => {
  let now: Date;
  let fake: FakeX;
  let client: TwitterApi;
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  beforeEach(async () => {
    now = new Date("2026-11-23T12:00:00.000Z");
    fake = await startFakeX({ clock: () => now, rateLimit: { limit: 3, windowMs: 60_000 } });
    client = twitterClientFor(fake);
  });
  afterEach(() => fake.close());

  describe("posting", () => {
    it("Should post a Tweet and a reply thread with increasing ids in one conversation", async () => {
      const root = await client.v2.tweet("Investigating elevated API errors.");
      expect(root.data).toEqual({
        id: expect.stringMatching(/^\d{15,19}$/),
        text: "Investigating elevated API errors.",
        edit_history_tweet_ids: [root.data.id],
      });
      advance(1000);
      const reply = await client.readWrite.v2.reply("Fix deployed, watching.", root.data.id);
      advance(1000);
      const last = await client.v2.reply("Resolved.", reply.data.id);
      expect(BigInt(reply.data.id)).toBeGreaterThan(BigInt(root.data.id));
      expect(BigInt(last.data.id)).toBeGreaterThan(BigInt(reply.data.id));

      expect(fake.tweets.map((t) => [t.id, t.inReplyToId, t.conversationId])).toEqual([
        [root.data.id, null, root.data.id],
        [reply.data.id, root.data.id, root.data.id],
        [last.data.id, reply.data.id, root.data.id],
      ]);
      expect(fake.tweets[1]).toMatchObject({ authorId: fake.user.id, createdAt: new Date("2026-11-23T12:00:01Z") });

      // Query parameters are signed too: tweet.fields must verify.
      const read = await client.v2.singleTweet(last.data.id, {
        "tweet.fields": ["conversation_id", "in_reply_to_user_id", "created_at"],
      });
      expect(read.data).toEqual({
        id: last.data.id,
        text: "Resolved.",
        edit_history_tweet_ids: [last.data.id],
        conversation_id: root.data.id,
        in_reply_to_user_id: fake.user.id,
        created_at: "2026-11-23T12:00:02.000Z",
      });
      expect((await client.v2.me()).data).toEqual({ id: fake.user.id, name: "Candor", username: "candorstatus" });
      expect((await client.currentUserV2()).data.username).toBe("candorstatus");
    });

    it("Should answer a missing Tweet with 200 and X's not-found error, as X does", async () => {
      const read = await client.readOnly.v2.singleTweet("1234");
      expect(read.data).toBeUndefined();
      expect(read.errors?.[0]).toMatchObject({
        title: "Not Found Error",
        detail: "Could not find tweet with id: [1234].",
        type: "https://api.twitter.com/2/problems/resource-not-found",
      });
    });

    it("Should also work aimed by setPrefix, which makes the library sign the local URL", async () => {
      const raw = new TwitterApi({ ...fakeXCredentials }, { httpAgent: new http.Agent() });
      // setPrefix is protected in the typings, and the public cloneWithPrefix is broken.
      expect(() => raw.v2.cloneWithPrefix(`${fake.url}/2/`)).toThrow("cannot be invoked without 'new'");
      withPrefix(raw, `${fake.url}/2/`);
      const posted = await raw.readWrite.v2.tweet("Aimed by prefix.");
      expect(fake.tweets.map((t) => t.id)).toEqual([posted.data.id]);
    });

    it("Should need an http agent: the library calls https.request even for an http URL", async () => {
      const raw = new TwitterApi({ ...fakeXCredentials });
      withPrefix(raw, `${fake.url}/2/`);
      await expect(raw.v2.tweet("No agent.")).rejects.toMatchObject({ code: "ERR_INVALID_PROTOCOL" });
      expect(fake.requests).toEqual([]);
    });
  });

  describe("OAuth 1.0a", () => {
    it("Should refuse a signature made with a wrong app secret or a wrong token secret", async () => {
      for (const wrong of [
        { ...fakeXCredentials, appSecret: "not-the-app-secret" },
        { ...fakeXCredentials, accessSecret: "not-the-token-secret" },
      ]) {
        const err = await refusal(twitterClientFor(fake, wrong).v2.tweet("Signed wrongly."));
        expect(err.code).toBe(401);
        expect(err.isAuthError).toBe(true);
        expect(err.data).toEqual(problems.unauthorized);
        expect(fake.requests.at(-1)?.error).toMatch(/^signature mismatch \(signature base string: POST&http%3A%2F%2F/);
      }
      expect(fake.tweets).toEqual([]);
    });

    it("Should refuse an unknown app key or access token", async () => {
      for (const wrong of [
        { ...fakeXCredentials, appKey: "someone-else" },
        { ...fakeXCredentials, accessToken: "someone-else" },
      ]) {
        const err = await refusal(twitterClientFor(fake, wrong).v2.tweet("Wrong keys."));
        expect(err.code).toBe(401);
      }
      expect(fake.requests.map((r) => r.error)).toEqual(["unknown oauth_consumer_key", "unknown oauth_token"]);
    });

    it("Should refuse a replayed nonce, even with another body", async () => {
      let authorization = "";
      const spy = twitterClientFor(fake, fakeXCredentials, [
        {
          onBeforeRequest({ computedParams }) {
            authorization = computedParams.headers.Authorization;
          },
        },
      ]);
      await spy.v2.tweet("First of its nonce.");
      expect(authorization).toMatch(/^OAuth oauth_consumer_key="fake-app-key",oauth_nonce="/);

      const replay = await fetch(`${fake.url}/2/tweets`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify({ text: "Replayed." }),
      });
      expect(replay.status).toBe(401);
      expect(await replay.json()).toEqual(problems.unauthorized);
      expect(fake.requests.at(-1)?.error).toMatch(/^oauth_nonce \S+ already used$/);
      expect(fake.tweets.map((t) => t.text)).toEqual(["First of its nonce."]);
    });

    it("Should check the timestamp against real time, whatever the injected clock says", async () => {
      now = new Date("2001-01-01T00:00:00Z");
      const url = `${fake.url}/2/tweets`;
      const post = (authorization: string, text: string) =>
        fetch(url, {
          method: "POST",
          headers: { authorization, "content-type": "application/json" },
          body: JSON.stringify({ text }),
        });
      const realNow = Math.floor(Date.now() / 1000);

      const stale = await post(forgedAuthorization("POST", url, realNow - 301), "Stale.");
      expect(stale.status).toBe(401);
      expect(fake.requests.at(-1)?.error).toMatch(/^oauth_timestamp \d+ is -30\ds from the server's time/);

      const fresh = await post(forgedAuthorization("POST", url, realNow), "Fresh.");
      expect(fresh.status).toBe(201);
      expect(fake.tweets[0].createdAt).toEqual(new Date("2001-01-01T00:00:00Z"));
    });
  });

  describe("refusals", () => {
    it("Should refuse duplicate content with 403", async () => {
      const root = await client.v2.tweet("We are investigating.");
      const err = await refusal(client.v2.reply("We are investigating.", root.data.id));
      expect(err.code).toBe(403);
      expect(err.data.detail).toContain("duplicate content");
      expect(err.data).toEqual(problems.duplicate);
      // The library's message carries no detail when the body has no `errors` array.
      expect(err.message).toBe("Request failed with code 403");
    });

    it("Should count weighted characters as X does: 280 accepted, 281 refused with 400", async () => {
      // A URL weighs 23 whatever its length, the emoji and each CJK character 2.
      const head = "https://status.example.com/incidents/2026-11-23-database-latency-in-eu-west 🔥 障害 ";
      const fits = head + "a".repeat(280 - 23 - 1 - 2 - 1 - 4 - 1);
      expect(twitterText.parseTweet(fits).weightedLength).toBe(280);
      expect(fits.length).not.toBe(280);

      const posted = await client.v2.tweet(fits);
      expect(posted.data.text).toBe(fits);
      expect(fake.tweets[0].weightedLength).toBe(280);

      const err = await refusal(client.v2.tweet(`${fits}b`));
      expect(err.code).toBe(400);
      expect(err.data).toMatchObject({
        title: "Invalid Request",
        type: "https://api.twitter.com/2/problems/invalid-request",
        errors: [{ message: tooLongMessage }],
      });
      expect(err.message).toContain("Invalid Request: One or more parameters to your request was invalid.");
      expect(fake.tweets).toHaveLength(1);
    });

    it("Should refuse empty text, a body that is not JSON and unknown fields with 400", async () => {
      const empty = await refusal(client.v2.tweet(""));
      expect(empty.code).toBe(400);
      expect(empty.data).toMatchObject({ title: "Invalid Request", errors: [{ parameters: { text: [""] } }] });

      const plain = await refusal(
        client.v2.post("tweets", { text: "Plain." }, { headers: { "content-type": "text/plain" } }),
      );
      expect(plain.data.errors).toEqual([
        { parameters: {}, message: "Requests with bodies must have content-type of application/json." },
      ]);

      const unknown = await refusal(client.v2.post("tweets", { text: "Hi.", status: "Hi." }));
      expect(unknown.data.errors).toEqual([
        {
          parameters: {},
          message: "$.status: is not defined in the schema and the schema does not allow additional properties",
        },
      ]);
    });

    it("Should refuse a reply to an unknown or deleted Tweet with 403", async () => {
      const err = await refusal(client.v2.reply("Update.", "1999999999999999999"));
      expect(err.code).toBe(403);
      expect(err.data.detail).toBe("You attempted to reply to a Tweet that is deleted or not visible to you.");

      const root = await client.v2.tweet("Root.");
      expect((await client.v2.deleteTweet(root.data.id)).data.deleted).toBe(true);
      const afterDelete = await refusal(client.v2.reply("Update.", root.data.id));
      expect(afterDelete.data).toEqual(problems.replyNotVisible);
    });

    it("Should answer 429 past the limit, with the window's end, until the injected clock passes it", async () => {
      const windowEnd = now.getTime() / 1000 + 60;
      await client.v2.tweet("One.");
      await client.v2.tweet("Two.");
      const third = await client.v2.post("tweets", { text: "Three." }, { fullResponse: true });
      expect(third.rateLimit).toEqual({ limit: 3, remaining: 0, reset: windowEnd });

      const err = await refusal(client.v2.tweet("Four."));
      expect(err.code).toBe(429);
      expect(err.rateLimitError).toBe(true);
      expect(err.rateLimit).toEqual({ limit: 3, remaining: 0, reset: windowEnd });
      expect(err.data).toEqual(problems.tooManyRequests);

      advance(59_999);
      expect((await refusal(client.v2.tweet("Four."))).code).toBe(429);
      advance(1);
      const again = await client.v2.post("tweets", { text: "Four." }, { fullResponse: true });
      expect(again.rateLimit).toEqual({ limit: 3, remaining: 2, reset: windowEnd + 60 });
      expect(fake.tweets.map((t) => t.text)).toEqual(["One.", "Two.", "Three.", "Four."]);
    });

    it("Should surface injected 503s as ApiResponseError and a dropped connection as ApiRequestError", async () => {
      fake.failNext(1);
      const unavailable = await refusal(client.v2.tweet("Down?"));
      expect(unavailable.code).toBe(503);
      expect(unavailable.data).toEqual({
        title: "Service Unavailable",
        detail: "Service Unavailable",
        type: "about:blank",
        status: 503,
      });

      fake.failNext(1, 502, "<html><body>Bad gateway</body></html>");
      const gateway = await refusal(client.v2.tweet("Down?"));
      expect(gateway.code).toBe(502);
      // Not JSON: the library hands the raw text over as `data`.
      expect(gateway.data).toBe("<html><body>Bad gateway</body></html>");

      fake.failNext(1, "network");
      const dropped = await client.v2.tweet("Down?").catch((e: unknown) => e);
      expect(dropped).toBeInstanceOf(ApiRequestError);
      expect(dropped).toMatchObject({ type: "request", message: "Request failed." });

      const posted = await client.v2.tweet("Down?");
      expect(fake.tweets.map((t) => t.id)).toEqual([posted.data.id]);
      expect(fake.requests.map((r) => r.status)).toEqual([503, 502, "network", 201]);
    });

    it("Should answer 401 while the credentials are revoked and accept them once restored", async () => {
      fake.revoke();
      const err = await refusal(client.v2.tweet("Revoked?"));
      expect(err.code).toBe(401);
      expect(err.data).toEqual(problems.unauthorized);
      expect((await refusal(client.v2.me())).code).toBe(401);
      fake.restore();
      await client.v2.tweet("Revoked?");
      expect(fake.tweets).toHaveLength(1);
    });

    it("Should answer 403 for an app without write permission, which is not a duplicate, and still allow reads", async () => {
      fake.forbid();
      const err = await refusal(client.v2.tweet("Allowed?"));
      expect(err.code).toBe(403);
      expect(err.data).toEqual(problems.oauth1Permissions);
      expect(err.data.detail).not.toContain("duplicate");
      expect((await client.v2.me()).data.id).toBe(fake.user.id);
      fake.allow();
      await client.v2.tweet("Allowed?");
      expect(fake.tweets).toHaveLength(1);
    });
  });

  describe("development helpers", () => {
    it("Should inject failures, revoke, list Tweets and reset over HTTP without auth", async () => {
      const call = (path: string, body?: unknown) =>
        fetch(`${fake.url}/__fake/${path}`, {
          method: body === undefined ? "GET" : "POST",
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      expect((await call("fail", { count: 1, status: 500 })).status).toBe(200);
      expect((await refusal(client.v2.tweet("Hello."))).code).toBe(500);
      await client.v2.tweet("Hello.");
      expect(await (await call("tweets")).json()).toEqual([
        expect.objectContaining({ text: "Hello.", inReplyToId: null, weightedLength: 6 }),
      ]);

      await call("revoke", {});
      expect((await refusal(client.v2.tweet("Again."))).code).toBe(401);
      await call("restore", {});
      await client.v2.tweet("Again.");

      await call("reset", {});
      expect(fake.tweets).toEqual([]);
      expect(await (await call("tweets")).json()).toEqual([]);

      const missing = await fetch(`${fake.url}/2/nothing-here`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await missing.json()).toMatchObject({ title: "Not Found Error", status: 404 });
    });
  });
});

describe("npm run fake-x", () => {
  it("Should print its URL and Candor's environment, log a signed post and stop on SIGTERM", async () => {
    const child = spawn("node_modules/.bin/node", ["scripts/fake-x/main.ts"], {
      cwd: repoRoot,
      env: { ...process.env, FAKE_X_PORT: "0", FAKE_X_RATE_LIMIT: "5/60" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const waitForLine = (pattern: RegExp) =>
      waitFor(
        () => `${pattern} in output:\n${stdout}`,
        5_000,
        () => pattern.exec(stdout) ?? undefined,
      );
    try {
      const [line, url] = await waitForLine(/^fake X listening on (http:\/\/127\.0\.0\.1:\d+) .*\n/m);
      expect(line.trim()).toBe(
        `fake X listening on ${url} TWITTER_API_URL=${url} TWITTER_APP_KEY=fake-app-key ` +
          "TWITTER_APP_SECRET=fake-app-secret TWITTER_ACCESS_TOKEN=fake-access-token TWITTER_ACCESS_SECRET=fake-access-secret",
      );

      const cli = twitterClientFor(url);
      const root = await cli.v2.tweet("From the CLI.");
      const reply = await cli.v2.post(
        "tweets",
        { text: "Line one\nline two", reply: { in_reply_to_tweet_id: root.data.id } },
        { fullResponse: true },
      );
      expect(reply.rateLimit?.limit).toBe(5);
      await waitForLine(
        new RegExp(`^tweet ${reply.data.data.id} reply-to ${root.data.id} "Line one\\\\nline two"$`, "m"),
      );
      expect(stdout).toContain(`tweet ${root.data.id} reply-to - "From the CLI."\n`);

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
