/** The fake X as the listening tests start it, and X's refusals read back through twitter-api-v2. */
import { ApiResponseError, type TwitterApi } from "twitter-api-v2";
import { afterEach, beforeEach, expect } from "vitest";
import { twitterClientFor } from "../../scripts/fake-x/client.ts";
import { type FakeX, fakeXCredentials, startFakeX } from "../../scripts/fake-x/server.ts";
import { FakeClock } from "./time.ts";

/** The rejection of a request X must refuse, checked to be the library's ApiResponseError. */
export async function refusal(promise: Promise<unknown>): Promise<ApiResponseError> {
  const err = await promise.then(
    () => {
      throw new Error("expected X to refuse the request");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiResponseError);
  return err as ApiResponseError;
}

/**
 * A fake X on the test's own clock (2026-11-23T12:00:00Z), with a client
 * signed as our account. Close it with `fake.close()`.
 *
 * @example
 * const { fake, clock, client } = await fakeXOnClock();
 */
export async function fakeXOnClock(): Promise<{ fake: FakeX; clock: FakeClock; client: TwitterApi }> {
  const clock = new FakeClock();
  const fake = await startFakeX({ clock: clock.read });
  return { fake, clock, client: twitterClientFor(fake) };
}

/** One entry of X v2's invalid-request problem: the parameter at fault and why. */
export type InvalidParameter = { parameters: Record<string, string[]>; message: string };

/** The first parameter X's 400 names (the library types errors as v1's or v2's generic ones). */
export function firstInvalid(err: ApiResponseError): InvalidParameter {
  const errors = (err.data as unknown as { errors?: InvalidParameter[] }).errors;
  expect(errors?.length).toBeGreaterThan(0);
  return errors![0];
}

/**
 * A fresh fake X on its own clock for each test of the calling file (started
 * before each, closed after), read through the returned object's live fields.
 *
 * @example
 * const x = fakeXPerTest();
 * it("...", async () => { x.fake.postAs("alice", "@candorstatus hi"); await x.client.v2.search("hi"); });
 */
export function fakeXPerTest(): { fake: FakeX; clock: FakeClock; client: TwitterApi } {
  const current = {} as { fake: FakeX; clock: FakeClock; client: TwitterApi };
  beforeEach(async () => {
    Object.assign(current, await fakeXOnClock());
  });
  afterEach(() => current.fake.close());
  return current;
}

/**
 * The environment that points Candor's X channel and listeners at a fake X,
 * signed with the fake's credentials.
 *
 * @example startTestApp("pglite", { env: { ...xEnvFor(fake), LISTEN: "mentions" } })
 */
export function xEnvFor(fake: { url: string }): Record<string, string> {
  return {
    TWITTER_APP_KEY: fakeXCredentials.appKey,
    TWITTER_APP_SECRET: fakeXCredentials.appSecret,
    TWITTER_ACCESS_TOKEN: fakeXCredentials.accessToken,
    TWITTER_ACCESS_SECRET: fakeXCredentials.accessSecret,
    TWITTER_API_URL: fake.url,
  };
}

/**
 * The environment that points Candor's X client at `fake` and listens to both
 * sources, for the listening tests' apps; `extra` adds or overrides.
 *
 * @example startTestApp(kind, { env: listeningEnv(fake, { LISTEN_MAX_PAGES: "1" }) })
 */
export function listeningEnv(fake: { url: string }, extra: Record<string, string> = {}): Record<string, string> {
  return { ...xEnvFor(fake), LISTEN: "mentions,search", LISTEN_QUERY: '"acme down" OR acmeoutage', ...extra };
}
