/** Which handler answers a request: the /__fake/ controls, one of X's /2/ routes, or X's 404. */
import type { IncomingMessage } from "node:http";
import { api } from "./api.ts";
import { notFound } from "./errors.ts";
import { deleteTweet } from "./routes/delete-tweet.ts";
import { fakeControls } from "./routes/fake-controls.ts";
import { getTweet } from "./routes/get-tweet.ts";
import { postTweet } from "./routes/post-tweet.ts";
import { usersMe } from "./routes/users-me.ts";
import type { FakeXState } from "./state.ts";
import type { Answer, FakeXControls } from "./types.ts";

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
  const call = { req, rawPath, body };
  if (method === "POST" && path === "/2/tweets") {
    return api(state, { ...call, route: "POST /2/tweets", write: true }, () => postTweet(state, req, body));
  }
  if (method === "GET" && path === "/2/users/me") {
    return api(state, { ...call, route: "GET /2/users/me", write: false }, () => usersMe(state));
  }
  const byId = /^\/2\/tweets\/([^/]+)$/.exec(path);
  if (byId && method === "GET") {
    const id = decodeURIComponent(byId[1]);
    return api(state, { ...call, route: "GET /2/tweets/:id", write: false }, () => getTweet(state, id, url));
  }
  if (byId && method === "DELETE") {
    const id = decodeURIComponent(byId[1]);
    return api(state, { ...call, route: "DELETE /2/tweets/:id", write: true }, () => deleteTweet(state, id));
  }
  return notFound(path);
}
