/** The checks every /2/ route passes first, in X's order, and the rate headers on whatever it answers. */
import type { IncomingMessage } from "node:http";
import { genericProblem, problems } from "./errors.ts";
import { verifyOAuth } from "./oauth.ts";
import { consume, limitFor, rateHeaders } from "./rate-limit.ts";
import type { FakeXState } from "./state.ts";
import type { Answer, FakeXRoute, Problem } from "./types.ts";

export type ApiCall = {
  req: IncomingMessage;
  /** Path and query as received: what the signature covers. */
  rawPath: string;
  body: Buffer;
  /** The rate-limit bucket, e.g. "DELETE /2/tweets/:id". */
  route: FakeXRoute;
  /** Writes need the app's write permission (see `forbid`). */
  write: boolean;
};

/**
 * Runs the /2/ checks in X's order: authentication, revocation, permission,
 * injected failures (on the route they were injected for), the rate limit, then the route.
 */
export function api(state: FakeXState, call: ApiCall, handler: () => Answer): Answer {
  const { route } = call;
  const headers = rateHeaders(state, route);
  const refused = (status: number, problem: Problem, error: string): Answer => ({
    status,
    body: problem,
    headers,
    error,
  });
  const authError = verifyOAuth(state, call.req, call.rawPath, call.body);
  if (authError) return refused(401, problems.unauthorized, authError);
  if (state.revoked) return refused(401, problems.unauthorized, "credentials revoked");
  if (call.write && state.forbidden) return refused(403, problems.oauth1Permissions, "app lacks write permission");
  const next = state.failures.findIndex((f) => f.route === route);
  if (next >= 0) {
    const [failure] = state.failures.splice(next, 1);
    if (failure.status === "network") return { network: true, error: "injected network failure" };
    return {
      status: failure.status,
      body: failure.body ?? genericProblem(failure.status),
      headers,
      error: `injected ${failure.status}`,
    };
  }
  if (!consume(state, route)) {
    const limit = limitFor(state, route);
    return refused(429, problems.tooManyRequests, `more than ${limit.limit} requests in ${limit.windowMs} ms`);
  }
  const answer = handler();
  return "network" in answer ? answer : { ...answer, headers: { ...rateHeaders(state, route), ...answer.headers } };
}
