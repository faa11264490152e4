/**
 * `npm run fake-x`: the fake X API on a fixed port for local development.
 * Prints the environment that points Candor at it, then one line per Tweet
 * posted and one per refused request on stderr, so that a signature or rate
 * problem shows where the developer is already looking.
 *
 * FAKE_X_PORT (4080; 0 for any), FAKE_X_HOST (127.0.0.1),
 * FAKE_X_RATE_LIMIT ("limit/window seconds", e.g. "300/900"), FAKE_X_USERNAME,
 * FAKE_X_APP_KEY, FAKE_X_APP_SECRET, FAKE_X_ACCESS_TOKEN, FAKE_X_ACCESS_SECRET.
 */
import { defaultRateLimit, fakeXCredentials, type RateLimit, startFakeX } from "./server.ts";

function fail(message: string): never {
  process.stderr.write(`fake-x: ${message}\n`);
  process.exit(2);
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === "") return 4080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`FAKE_X_PORT must be a port number, not ${value}`);
  return port;
}

function parseRateLimit(value: string | undefined): RateLimit {
  if (value === undefined || value === "") return defaultRateLimit;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match || Number(match[2]) === 0)
    fail(`FAKE_X_RATE_LIMIT must look like 300/900 (limit/window seconds), not ${value}`);
  return { limit: Number(match[1]), windowMs: Number(match[2]) * 1000 };
}

/** Quoted only when needed, so that the line can be pasted into a shell as is. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

const env = process.env;
const credentials = {
  appKey: env.FAKE_X_APP_KEY || fakeXCredentials.appKey,
  appSecret: env.FAKE_X_APP_SECRET || fakeXCredentials.appSecret,
  accessToken: env.FAKE_X_ACCESS_TOKEN || fakeXCredentials.accessToken,
  accessSecret: env.FAKE_X_ACCESS_SECRET || fakeXCredentials.accessSecret,
};

const fake = await startFakeX({
  port: parsePort(env.FAKE_X_PORT),
  host: env.FAKE_X_HOST || "127.0.0.1",
  rateLimit: parseRateLimit(env.FAKE_X_RATE_LIMIT),
  username: env.FAKE_X_USERNAME || undefined,
  credentials,
  onTweet(tweet) {
    process.stdout.write(`tweet ${tweet.id} reply-to ${tweet.inReplyToId ?? "-"} ${JSON.stringify(tweet.text)}\n`);
  },
  onRequest(request) {
    if (request.status === "network" || request.status >= 400) {
      process.stderr.write(`refused ${request.method} ${request.path} ${request.status}: ${request.error ?? ""}\n`);
    }
  },
}).catch((e: Error) => fail(`cannot listen: ${e.message}`));

const vars = {
  TWITTER_API_URL: fake.url,
  TWITTER_APP_KEY: credentials.appKey,
  TWITTER_APP_SECRET: credentials.appSecret,
  TWITTER_ACCESS_TOKEN: credentials.accessToken,
  TWITTER_ACCESS_SECRET: credentials.accessSecret,
};
process.stdout.write(
  `fake X listening on ${fake.url} ${Object.entries(vars)
    .map(([k, v]) => `${k}=${shellWord(v)}`)
    .join(" ")}\n`,
);

let stopping = false;
function stop(signal: NodeJS.Signals) {
  if (stopping) process.exit(1); // A second signal: stop waiting for connections to close.
  stopping = true;
  process.stderr.write(`fake-x: ${signal}, stopping\n`);
  fake.close().then(
    () => process.exit(0),
    (e: Error) => fail(`close failed: ${e.message}`),
  );
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
