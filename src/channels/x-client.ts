import { TwitterApi } from "twitter-api-v2";
import type { TwitterConfig } from "../config.ts";

/**
 * twitter-api-v2 signed as the configured account (OAuth 1.0a user context),
 * and the prefix that points its v2 calls at TWITTER_API_URL: the X channel
 * posts through it and the listeners read through it.
 *
 * @example const { client, prefix } = xClient(config.twitter, new http.Agent());
 */
export function xClient(twitter: TwitterConfig, httpAgent?: unknown): { client: TwitterApi; prefix: string } {
  const client = new TwitterApi(
    {
      appKey: twitter.appKey,
      appSecret: twitter.appSecret,
      accessToken: twitter.accessToken,
      accessSecret: twitter.accessSecret,
    },
    // twitter-api-v2 defaults to https; a plain-http stand-in (the fake X server) needs an http Agent.
    httpAgent ? { httpAgent: httpAgent as never } : undefined,
  );
  return { client, prefix: `${twitter.apiUrl}/2/` };
}
