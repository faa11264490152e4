/** The test-facing switches of the fake: inject failures, revoke or forbid, change the limit, start over. */
import { type FakeXState, resetState } from "./state.ts";
import type { FakeXControls } from "./types.ts";

/** The `FakeX` handle without its address and socket; the live arrays are the state's own. */
export function createControls(state: FakeXState): FakeXControls {
  return {
    user: state.user,
    credentials: state.credentials,
    tweets: state.tweets,
    requests: state.requests,
    failNext(count, status = 503, body) {
      for (let i = 0; i < count; i++) state.failures.push({ status, body });
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
    setRateLimit(rateLimit) {
      if (!(rateLimit.limit >= 0 && rateLimit.windowMs > 0))
        throw new Error("rate limit needs limit >= 0 and windowMs > 0");
      state.postLimit = { ...rateLimit };
    },
    deleteTweet(id) {
      const tweet = state.tweets.find((t) => t.id === id);
      if (tweet && !tweet.deletedAt) tweet.deletedAt = state.clock();
    },
    reset() {
      resetState(state);
    },
  };
}
