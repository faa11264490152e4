/** The test-facing switches of the fake: inject failures, revoke or forbid, change limits, post as others, start over. */
import { postAs } from "./post-as.ts";
import { isRoute } from "./rate-limit.ts";
import { type FakeXState, resetState } from "./state.ts";
import type { FakeXControls } from "./types.ts";
import { usageSnapshot } from "./usage.ts";

/** The `FakeX` handle without its address and socket; the live arrays are the state's own. */
export function createControls(state: FakeXState): FakeXControls {
  return {
    user: state.user,
    credentials: state.credentials,
    tweets: state.tweets,
    posts: state.posts,
    users: state.users,
    requests: state.requests,
    failNext(count, status = 503, body, route = "POST /2/tweets") {
      if (!isRoute(route)) throw new Error(`no route ${route}`);
      for (let i = 0; i < count; i++) state.failures.push({ status, body, route });
    },
    clearFailures() {
      state.failures.length = 0;
    },
    revoke() {
      state.revoked = true;
    },
    restore() {
      state.revoked = false;
    },
    forbid() {
      state.forbidden = true;
    },
    allow() {
      state.forbidden = false;
    },
    setRateLimit(rateLimit, route = "POST /2/tweets") {
      if (!isRoute(route)) throw new Error(`no route ${route}`);
      if (!(rateLimit.limit >= 0 && rateLimit.windowMs > 0))
        throw new Error("rate limit needs limit >= 0 and windowMs > 0");
      state.limits.set(route, { ...rateLimit });
    },
    deleteTweet(id) {
      const post = [...state.tweets, ...state.posts].find((t) => t.id === id);
      if (post && !post.deletedAt) post.deletedAt = state.clock();
    },
    postAs(username, text, options) {
      return postAs(state, username, text, options);
    },
    holdNextPost() {
      let reached = () => {};
      let release = () => {};
      const reachedPromise = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      state.holds.push({ reached, released });
      return { reached: reachedPromise, release };
    },
    usage() {
      return usageSnapshot(state);
    },
    reset() {
      resetState(state);
    },
  };
}
