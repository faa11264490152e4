import type { FakeXCredentials, RateLimit } from "./types.ts";

/** What the fake accepts unless told otherwise; `npm run fake-x` prints them too. */
export const fakeXCredentials: Readonly<FakeXCredentials> = Object.freeze({
  appKey: "fake-app-key",
  appSecret: "fake-app-secret",
  accessToken: "fake-access-token",
  accessSecret: "fake-access-secret",
});

/**
 * POST /2/tweets: 300 per 15 minutes. X's paid tiers allow less per user
 * (100 per 15 minutes, plus caps per 24 hours), but a default that a busy
 * local session never reaches is worth more than realism here: tests that
 * exercise 429 set their own limit.
 */
export const defaultRateLimit: Readonly<RateLimit> = Object.freeze({ limit: 300, windowMs: 15 * 60_000 });
