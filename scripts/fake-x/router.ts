/** Which handler answers a request: the /__fake/ controls, one of X's /2/ routes, or X's 404. */
import type { IncomingMessage } from "node:http";
import { api } from "./api.ts";
import { notFound } from "./errors.ts";
import { deleteTweet } from "./routes/delete-tweet.ts";
import { fakeControls } from "./routes/fake-controls.ts";
import { getTweet } from "./routes/get-tweet.ts";
import { postTweet } from "./routes/post-tweet.ts";
import { searchRecent } from "./routes/search-recent.ts";
import { userMentions } from "./routes/user-mentions.ts";
import { userTweets } from "./routes/user-tweets.ts";
import { usersMe } from "./routes/users-me.ts";
import type { FakeXState } from "./state.ts";
import type { Answer, FakeXControls, FakeXRoute } from "./types.ts";

export function route(
  state: FakeXState,
  controls: FakeXControls,
  req: IncomingMessage,
  rawPath: string,
  body: Buffer,
): Answer {
  const method = req.method ?? "GET";
  const url = new URL(rawPath, "http://fake-x.invalid");
  const path = url.pathname;
  if (path.startsWith("/__fake/")) return fakeControls(state, controls, method, path, body);
  const answer = (route: FakeXRoute, write: boolean, handler: () => Answer) =>
    api(state, { req, rawPath, body, route, write }, handler);
  if (method === "POST" && path === "/2/tweets")
    return answer("POST /2/tweets", true, () => postTweet(state, req, body));
  if (method === "GET" && path === "/2/users/me") return answer("GET /2/users/me", false, () => usersMe(state));
  if (method === "GET" && path === "/2/tweets/search/recent") {
    return answer("GET /2/tweets/search/recent", false, () => searchRecent(state, url));
  }
  const ofUser = /^\/2\/users\/([^/]+)\/(mentions|tweets)$/.exec(path);
  if (ofUser && method === "GET") {
    const id = decodeURIComponent(ofUser[1]);
    return ofUser[2] === "mentions"
      ? answer("GET /2/users/:id/mentions", false, () => userMentions(state, id, url))
      : answer("GET /2/users/:id/tweets", false, () => userTweets(state, id, url));
  }
  const byId = /^\/2\/tweets\/([^/]+)$/.exec(path);
  const tweetId = byId ? decodeURIComponent(byId[1]) : "";
  if (byId && method === "GET") return answer("GET /2/tweets/:id", false, () => getTweet(state, tweetId, url));
  if (byId && method === "DELETE") return answer("DELETE /2/tweets/:id", true, () => deleteTweet(state, tweetId));
  return notFound(path);
}
