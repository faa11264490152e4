/**
 * Aims twitter-api-v2 at the fake X (or any other base URL, such as
 * TWITTER_API_URL) without touching the library.
 *
 * Two things are needed. The library always calls https.request, which
 * refuses an http: URL unless given an agent whose protocol is http:, hence
 * the http.Agent. And every URL must be rewritten before the library signs
 * it: a plugin's onBeforeRequestConfig runs before the OAuth 1.0a signature
 * is computed, so the signature covers the URL actually requested and the fake
 * (like X) can verify it. `client.v2.setPrefix(url + "/2/")` also signs the
 * local URL, but it is protected in the typings (and the public
 * cloneWithPrefix throws), and it moves only that one sub-client:
 * `client.readOnly.v2`, `v1` and `currentUserV2()` (which hard-codes
 * https://api.x.com/2/) would still reach the real X. The plugin moves every
 * request, so nothing leaks out.
 */
import http from "node:http";
import { type ITwitterApiClientPlugin, TwitterApi } from "twitter-api-v2";
import { type FakeXCredentials, fakeXCredentials } from "./server.ts";

/** The hosts twitter-api-v2 knows (api, upload, stream, ads-api on x.com or twitter.com). */
const xOrigin = /^https:\/\/[a-z-]+\.(?:x|twitter)\.com(?=\/)/;

/** A plugin that sends the library's requests to `apiUrl` (no trailing slash) instead of X. */
export function apiUrlPlugin(apiUrl: string): ITwitterApiClientPlugin {
  const base = apiUrl.replace(/\/+$/, "");
  return {
    onBeforeRequestConfig({ params }) {
      params.url = params.url.replace(xOrigin, base);
    },
    onBeforeStreamRequestConfig({ params }) {
      params.url = params.url.replace(xOrigin, base);
    },
  };
}

/** A user-context client on the fake X (or at any URL), signing with the fake's credentials by default. */
export function twitterClientFor(
  fake: { url: string } | string,
  credentials: FakeXCredentials = fakeXCredentials,
  extraPlugins: ITwitterApiClientPlugin[] = [],
): TwitterApi {
  const url = typeof fake === "string" ? fake : fake.url;
  return new TwitterApi(
    {
      appKey: credentials.appKey,
      appSecret: credentials.appSecret,
      accessToken: credentials.accessToken,
      accessSecret: credentials.accessSecret,
    },
    { httpAgent: new http.Agent(), plugins: [apiUrlPlugin(url), ...extraPlugins] },
  );
}
