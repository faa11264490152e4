// End to end: the X channel in real Candor processes. The fake X server runs
// here, in the test process, on a free port; Candor runs as its own process
// (on a database of its own on the test Postgres server, cloned from the
// migrated template: it starts in 2 to 3 s where a fresh PGlite data dir takes
// over 10) with TWITTER_API_URL pointing at the fake, so posts go out through
// Candor's X client over real HTTP with real OAuth signatures. One process serves the thread and the X-outage tests;
// every process group started here is killed afterwards, passed or failed.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeX, fakeXCredentials, startFakeX } from "../../scripts/fake-x/server.ts";
import { tweetLength, tweetUrl } from "../../src/render/tweet.ts";
import {
  api,
  killAll,
  killGroup,
  logMessages,
  type RunningCandor,
  removeDir,
  spawnCandor,
  startCandor,
  tempDir,
  waitForOutput,
} from "../support/candor-process.ts";
import { openTestDatabase } from "../support/db.ts";
import { nodeEntry } from "../support/log-file.ts";
import { freePort } from "../support/postgres-server.ts";
import { waitFor } from "../support/wait.ts";

const adminToken = "e2e-twitter-admin-token-0123456789";
const publicUrl = "https://status.example.com";

/** The four credentials blank, so that none leaks in from the environment the tests run in. */
const noTwitter = {
  TWITTER_APP_KEY: "",
  TWITTER_APP_SECRET: "",
  TWITTER_ACCESS_TOKEN: "",
  TWITTER_ACCESS_SECRET: "",
  TWITTER_API_URL: "",
};

let fake: FakeX;
const dirs: string[] = [];
const databases: Awaited<ReturnType<typeof openTestDatabase>>[] = [];

beforeAll(async () => {
  fake = await startFakeX();
});
afterAll(async () => {
  await killAll();
  await fake?.close();
  await Promise.all(databases.map((db) => db.close()));
  for (const dir of dirs) removeDir(dir);
});

async function start(env: Record<string, string>): Promise<RunningCandor> {
  const dir = tempDir("candor-e2e-x-");
  dirs.push(dir);
  const db = await openTestDatabase("postgres");
  databases.push(db);
  return startCandor(
    {
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATA_DIR: dir,
      DATABASE_URL: db.url as string,
      PUBLIC_URL: publicUrl,
      CANDOR_ADMIN_TOKEN: adminToken,
      LOG_CHANNEL: "off",
      ...noTwitter,
      ...env,
    },
    nodeEntry,
  );
}

describe("a Candor process with X configured, posting to the fake X server", () => {
  let c: RunningCandor;
  let url: string;
  /** What the process printed up to and including its X line, kept for whichever test reads it. */
  let startup: string;
  const call = (method: string, path: string, body?: unknown) => api(url, method, path, { key: adminToken, body });
  const tweetsFor = (id: string) => fake.tweets.filter((t) => t.text.endsWith(`\n${publicUrl}/incidents/${id}`));
  const twitterState = async () =>
    (await call("GET", "/api/v1/channels")).json.data.find((ch: { name: string }) => ch.name === "twitter");
  async function declare(title: string, message: string): Promise<string> {
    const res = await call("POST", "/api/v1/incidents", { title, message, next_update_in: "PT30M" });
    expect(res.status, res.text).toBe(201);
    return res.json.data.id;
  }

  beforeAll(async () => {
    c = await start({
      TWITTER_APP_KEY: fakeXCredentials.appKey,
      TWITTER_APP_SECRET: fakeXCredentials.appSecret,
      TWITTER_ACCESS_TOKEN: fakeXCredentials.accessToken,
      TWITTER_ACCESS_SECRET: fakeXCredentials.accessSecret,
      TWITTER_API_URL: fake.url,
    });
    url = c.baseUrl;
    await waitForOutput(c.proc, /"msg":"X: [^\n]*\n/, 5_000);
    startup = c.proc.stdout();
  }, 60_000);

  it("Should say so at startup, post a declared incident within seconds, and thread the next update under it", async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(logMessages(startup)).toContain(`X: posting threads through ${fake.url}`);
    expect(logMessages(startup)).toContain("channels: email, webhook, chat, twitter");

    // The process and the fake are shared with the X-outage test: judge only what happens from here on.
    const requestsBefore = fake.requests.length;
    const title = "Elevated API errors";
    const declaredAt = Date.now();
    const id = await declare(title, "We are investigating errors on the API.");
    const [first] = await waitFor("the first post at the fake X", 10_000, () => tweetsFor(id)[0] && tweetsFor(id));
    const firstMs = Date.now() - declaredAt;
    const link = `${publicUrl}/incidents/${id}`;
    expect(first.text).toContain(title);
    expect(first.text).toMatch(
      /^Investigating · Elevated API errors: We are investigating errors on the API\. Next update by \d\d:\d\d UTC\.\n/,
    );
    expect(first.text.endsWith(`\n${link}`)).toBe(true);
    expect(first.inReplyToId).toBeNull();
    expect(first.weightedLength).toBe(tweetLength(first.text));

    const update = await call("POST", `/api/v1/incidents/${id}/updates`, {
      status: "identified",
      message: "A bad deploy; rolling back.",
      next_update_in: "PT15M",
    });
    expect(update.status, update.text).toBe(201);
    const second = await waitFor("the reply at the fake X", 10_000, () => tweetsFor(id)[1]);
    expect(second.inReplyToId).toBe(first.id);
    expect(second.conversationId).toBe(first.id);
    expect(second.text).toMatch(/^Identified: A bad deploy; rolling back\. Next update by \d\d:\d\d UTC\.\n/);
    expect(second.text).not.toContain(title);
    expect(second.text.endsWith(`\n${link}`)).toBe(true);
    expect(tweetsFor(id)).toHaveLength(2);

    // The receipts, once recorded: the thread's address and each update's post.
    const incident = await waitFor("the tweet ids on the incident", 15_000, async () => {
      const res = await call("GET", `/api/v1/incidents/${id}`);
      expect(res.status, res.text).toBe(200);
      return res.json.data.updates.every((u: { tweet_id: string | null }) => u.tweet_id) ? res.json.data : undefined;
    });
    expect(incident.twitter_thread_url).toBe(tweetUrl(first.id));
    expect(incident.twitter_thread_url).toBe(`https://x.com/i/web/status/${first.id}`);
    // Newest first.
    expect(incident.updates.map((u: { tweet_id: string }) => u.tweet_id)).toEqual([second.id, first.id]);

    const state = await waitFor("nothing pending on X", 5_000, async () => {
      const s = await twitterState();
      return s?.pending === 0 ? s : undefined;
    });
    expect(state).toMatchObject({ name: "twitter", enabled: true, reason: null, healthy: true, dead: 0 });
    // No error recorded for this thread (the outage test, if it ran first, leaves its own 503 behind).
    const erredSince = state.last_error !== null && Date.parse(state.last_error_at) >= declaredAt;
    expect(erredSince, `last error ${state.last_error} at ${state.last_error_at}`).toBe(false);
    expect(Date.parse(state.last_success_at)).toBeGreaterThanOrEqual(declaredAt - 1000);

    // Every request the process sent for this thread was signed right and accepted.
    const sent = fake.requests.slice(requestsBefore);
    expect(sent.filter((r) => r.method === "POST" && r.path === "/2/tweets")).toHaveLength(2);
    expect(sent.filter((r) => r.status === "network" || r.status >= 300)).toEqual([]);
    console.log(`X thread: first post at the fake ${firstMs} ms after the declare`);
  });

  it("Should lose nothing across an X outage: three 503s, then the post goes out after backoff", async () => {
    fake.failNext(3, 503);
    const requestsBefore = fake.requests.length;
    const declaredAt = Date.now();
    const id = await declare("Login failures", "Some users cannot log in.");

    // While X is down the channel says so.
    const down = await waitFor("the channel to turn unhealthy", 10_000, async () => {
      const s = await twitterState();
      return s?.healthy === false ? s : undefined;
    });
    expect(down.last_error).toBe("X answered 503: Service Unavailable");
    expect(down.pending).toBe(1);

    // Backoff: 2, 4 and 8 s, each scaled by [0.5, 1): 7 to 14 s in all.
    const [tweet] = await waitFor("the post after the outage", 20_000, () => tweetsFor(id)[0] && tweetsFor(id));
    const tookMs = Date.now() - declaredAt;
    expect(tweet.text).toMatch(/^Investigating · Login failures: Some users cannot log in\. /);
    expect(tweet.inReplyToId).toBeNull();
    // At least 1 + 2 + 4 s of backoff went by: the retries waited.
    expect(tookMs).toBeGreaterThanOrEqual(6_000);

    const posts = fake.requests.slice(requestsBefore).filter((r) => r.method === "POST" && r.path === "/2/tweets");
    expect(posts.map((r) => r.status)).toEqual([503, 503, 503, 201]);
    expect(tweetsFor(id)).toHaveLength(1);

    const row = await waitFor("the delivery to complete", 5_000, async () => {
      const res = await call("GET", "/api/v1/deliveries");
      const r = res.json.data.find((d: { incident_id: string; channel: string }) => d.incident_id === id);
      return r?.state === "done" ? r : undefined;
    });
    expect(row).toMatchObject({ channel: "twitter", kind: "manual", attempts: 4 });
    const state = await twitterState();
    expect(state).toMatchObject({ enabled: true, healthy: true, pending: 0, dead: 0 });
    expect(state.recovered_at).not.toBeNull();
    const incident = (await call("GET", `/api/v1/incidents/${id}`)).json.data;
    expect(incident.twitter_thread_url).toBe(tweetUrl(tweet.id));
    console.log(`X outage: posted ${tookMs} ms after the declare, after three 503s`);
  }, 40_000);
});

describe("a Candor process without X credentials", () => {
  it("Should say X is off at startup and list it as not enabled, naming TWITTER_APP_KEY", async () => {
    const c = await start({});
    await waitForOutput(c.proc, /"msg":"X: [^\n]*\n/, 5_000);
    expect(logMessages(c.proc.stdout())).toContain(
      "X: off (set the four TWITTER_* credentials to post incident threads)",
    );
    expect(logMessages(c.proc.stdout())).toContain("channels: email, webhook, chat");
    const res = await api(c.baseUrl, "GET", "/api/v1/channels", { key: adminToken });
    expect(res.status, res.text).toBe(200);
    const twitter = res.json.data.find((ch: { name: string }) => ch.name === "twitter");
    expect(twitter).toMatchObject({ enabled: false, pending: 0, dead: 0 });
    expect(twitter.reason).toContain("TWITTER_APP_KEY");

    // An incident declared now has no row for X, and nothing reaches the fake.
    const tweetsBefore = fake.tweets.length;
    const declared = await api(c.baseUrl, "POST", "/api/v1/incidents", {
      key: adminToken,
      body: { title: "No X here", message: "Only the page." },
    });
    expect(declared.status, declared.text).toBe(201);
    const deliveries = await api(c.baseUrl, "GET", "/api/v1/deliveries", { key: adminToken });
    expect(deliveries.json.data.filter((d: { channel: string }) => d.channel === "twitter")).toEqual([]);
    expect(fake.tweets.length).toBe(tweetsBefore);
    await killGroup(c.proc);
  }, 60_000);
});

describe("a Candor process with only some X credentials", () => {
  it("Should exit 1 with one line on stderr naming a missing TWITTER_* variable", async () => {
    const dir = tempDir("candor-e2e-x-bad-");
    dirs.push(dir);
    const env = { ...noTwitter, DATA_DIR: dir, PORT: String(await freePort()), TWITTER_APP_KEY: "only-the-app-key" };
    // Node directly: `npm start` passing a ConfigError through is process.test.ts's
    // business, and its template build would double this test's time.
    const proc = spawnCandor(env, nodeEntry);
    expect(await proc.exited, proc.stderr()).toEqual({ code: 1, signal: null });
    expect(proc.stderr()).toMatch(
      /^Invalid environment variable TWITTER_(APP_SECRET|ACCESS_TOKEN|ACCESS_SECRET): [^\n]+\n$/,
    );
    expect(proc.stderr()).toContain("TWITTER_APP_SECRET");
    expect(proc.stderr()).not.toContain("only-the-app-key");
    expect(proc.stdout()).toBe("");
    // It failed before opening the database.
    expect(existsSync(join(dir, "pglite"))).toBe(false);
  }, 60_000);
});
