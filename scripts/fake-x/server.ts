/**
 * A fake X (Twitter) API v2, close enough to the real one that Candor's X
 * channel can be developed and tested against it over real HTTP (Candor
 * through its own client, channels/x-http.ts; the fake's own tests through
 * twitter-api-v2, an independent one): OAuth 1.0a signatures are verified
 * with code of its own, rate limits counted, and the refusals answered with
 * the statuses and bodies X sends. Only what Candor uses is modelled:
 * posting, replying, deleting and reading Tweets, the authenticated user, and
 * listening: other accounts' posts (`postAs`), the mentions and user
 * timelines, recent search with a subset of its query language, X's read
 * limits and a count of posts read (`usage`).
 *
 * This file opens the socket and hands each request to the router; the
 * checks, the routes and the state live beside it. Its exports are the
 * fake's whole public face, so importers need only this path.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createControls } from "./controls.ts";
import { genericProblem } from "./errors.ts";
import { maxBodyBytes, readBody, writeAnswer } from "./http.ts";
import { route } from "./router.ts";
import { createState, type FakeXState } from "./state.ts";
import type { Answer, FakeX, FakeXControls, FakeXOptions, FakeXRequest } from "./types.ts";

export { defaultRateLimit, fakeXCredentials } from "./defaults.ts";
export { problems, tooLongMessage } from "./errors.ts";
export { xRateLimits } from "./rate-limit.ts";
export { oauth1Signature, percentEncode } from "./signature.ts";
export type {
  FakeMention,
  FakeTweet,
  FakeX,
  FakeXCredentials,
  FakeXOptions,
  FakeXRequest,
  FakeXRoute,
  FakeXUser,
  PostAsOptions,
  RateLimit,
} from "./types.ts";

function record(state: FakeXState, req: IncomingMessage, status: number | "network", error: string | null) {
  const entry: FakeXRequest = { at: state.clock(), method: req.method ?? "GET", path: req.url ?? "/", status, error };
  state.requests.push(entry);
  state.options.onRequest?.(entry);
}

/** Answers one request; a crash in a route becomes X's generic 500, never a hung socket. */
async function onRequest(state: FakeXState, controls: FakeXControls, req: IncomingMessage, res: ServerResponse) {
  let answer: Answer;
  try {
    const body = await readBody(req);
    answer =
      body === null
        ? { status: 413, body: genericProblem(413), error: `body over ${maxBodyBytes} bytes` }
        : route(state, controls, req, req.url ?? "/", body);
  } catch (e) {
    answer = { status: 500, body: genericProblem(500), error: `fake X crashed: ${(e as Error).stack ?? e}` };
  }
  if ("network" in answer) {
    record(state, req, "network", answer.error);
    req.socket.destroy();
    return;
  }
  const isPost = req.method === "POST" && (req.url ?? "").split("?")[0] === "/2/tweets";
  const hold = isPost && answer.status === 201 ? state.holds.shift() : undefined;
  if (hold) {
    hold.reached();
    await hold.released;
  }
  writeAnswer(res, answer);
  record(state, req, answer.status, answer.error ?? null);
}

/**
 * Starts a fake X on its own port and resolves once it listens.
 *
 * @example
 * const x = await startFakeX({ clock: () => now });
 * x.failNext(1, 503);
 * const mention = x.postAs("alice", "@candorstatus is the API down?");
 * x.setRateLimit({ limit: 1, windowMs: 900_000 }, "GET /2/users/:id/mentions");
 * await x.close();
 */
export async function startFakeX(options: FakeXOptions = {}): Promise<FakeX> {
  const state = createState(options);
  const controls = createControls(state);
  const server = createServer((req, res) => {
    void onRequest(state, controls, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    ...controls,
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
