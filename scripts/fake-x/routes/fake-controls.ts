/**
 * /__fake/*: the same controls as the `FakeX` handle, over HTTP, for a fake
 * running in another process (`npm run fake-x`, the e2e tests). Not X's: no
 * OAuth, no rate limit, plain bodies.
 */
import { notFound } from "../errors.ts";
import type { FakeXState } from "../state.ts";
import type { Answer, FakeXControls, FakeXRoute } from "../types.ts";

/** Runs a control that throws on bad input; the throw becomes a 400 saying why. */
function attempt(control: () => unknown): Answer {
  try {
    const result = control();
    return { status: 200, body: result === undefined ? { ok: true } : result };
  } catch (e) {
    return { status: 400, body: { error: (e as Error).message }, error: (e as Error).message };
  }
}

const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined);

/** POST /__fake/posts with X's own field names: {username, text, in_reply_to_tweet_id?, quote_tweet_id?, retweet_of?, created_at?, lang?, name?}. */
function postAsOverHttp(controls: FakeXControls, input: Record<string, unknown>): Answer {
  return attempt(() =>
    controls.postAs(String(input.username ?? ""), String(input.text ?? ""), {
      inReplyToTweetId: optionalString(input.in_reply_to_tweet_id),
      quoteTweetId: optionalString(input.quote_tweet_id),
      retweetOf: optionalString(input.retweet_of),
      createdAt: input.created_at === undefined ? undefined : new Date(String(input.created_at)),
      lang: optionalString(input.lang),
      name: optionalString(input.name),
    }),
  );
}

export function fakeControls(
  state: FakeXState,
  controls: FakeXControls,
  method: string,
  path: string,
  body: Buffer,
): Answer {
  let input: Record<string, unknown> = {};
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString("utf8"));
    } catch {
      return { status: 400, body: { error: "body must be JSON" } };
    }
  }
  const ok: Answer = { status: 200, body: { ok: true } };
  const key = `${method} ${path}`;
  switch (key) {
    case "GET /__fake/tweets":
      return { status: 200, body: state.tweets };
    case "GET /__fake/requests":
      return { status: 200, body: state.requests };
    case "GET /__fake/posts":
      return { status: 200, body: state.posts };
    case "POST /__fake/posts":
      return postAsOverHttp(controls, input);
    case "GET /__fake/usage":
      return { status: 200, body: controls.usage() };
    case "POST /__fake/fail": {
      const status = input.status ?? 503;
      if (status !== "network" && typeof status !== "number") return { status: 400, body: { error: "bad status" } };
      return attempt(() => {
        controls.failNext(Number(input.count ?? 1), status, input.body, input.route as FakeXRoute | undefined);
        return { ok: true, pending: state.failures.length };
      });
    }
    case "POST /__fake/rate-limit":
      return attempt(() =>
        controls.setRateLimit(
          { limit: Number(input.limit), windowMs: Number(input.windowMs) },
          (input.route as FakeXRoute | undefined) ?? "POST /2/tweets",
        ),
      );
    case "POST /__fake/revoke":
      controls.revoke();
      return ok;
    case "POST /__fake/restore":
      controls.restore();
      return ok;
    case "POST /__fake/forbid":
      controls.forbid();
      return ok;
    case "POST /__fake/allow":
      controls.allow();
      return ok;
    case "POST /__fake/reset":
      controls.reset();
      return ok;
    default:
      return notFound(path);
  }
}
