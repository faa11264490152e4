// The spike alert's words and the listen-alert channel's decisions: pure, no IO.
import { describe, expect, it } from "vitest";
import { retryAfterTime, toAlertError } from "../../src/channels/listen-alert.ts";
import { type ListenAlertFacts, listenAlertBody, listenAlertText } from "../../src/render/listen-alert.ts";

const facts: ListenAlertFacts = {
  alertId: "alert_1",
  authors: 9,
  baseline: 3,
  windowSeconds: 600,
  topWords: ["login", "502"],
  postUrls: ["https://x.com/ada/status/1", "https://x.com/bo/status/2"],
  createdAt: "2026-11-23T12:00:00.000Z",
};
const now = new Date("2026-11-23T12:00:00Z");
const failed = (status: number | null, retryAfter: string | null = null, refused = false) =>
  ({ ok: false, status, refused, error: `answered HTTP ${status}`, retryAfter }) as const;

describe("the spike alert's text", () => {
  it("Should say how many people, how many usually (the median, without the rule's plus one), the words and examples", () => {
    expect(listenAlertText(facts)).toBe(
      "Customers are reporting problems on X and no incident is open: 9 people in the last 10 min (usually 2). " +
        "Most used words: login, 502. Examples: https://x.com/ada/status/1 https://x.com/bo/status/2",
    );
  });

  it("Should leave out the words and examples when there are none, and write a window of odd seconds in seconds", () => {
    expect(listenAlertText({ ...facts, topWords: [], postUrls: [], windowSeconds: 90, baseline: 1 })).toBe(
      "Customers are reporting problems on X and no incident is open: 9 people in the last 90 s (usually 0).",
    );
  });

  it("Should carry the facts in snake_case beside the text", () => {
    expect(listenAlertBody(facts)).toEqual({
      type: "listen.spike",
      alert: {
        id: "alert_1",
        authors: 9,
        baseline: 3,
        window_seconds: 600,
        top_words: ["login", "502"],
        post_urls: facts.postUrls,
        created_at: facts.createdAt,
        text: listenAlertText(facts),
      },
    });
  });
});

describe("the listen-alert channel's decisions", () => {
  it("Should retry no answer, 5xx and 408, wait on 429, and give up on other answers", () => {
    expect(toAlertError(failed(null), now).decision).toBe("retry");
    expect(toAlertError(failed(503), now).decision).toBe("retry");
    expect(toAlertError(failed(408), now).decision).toBe("retry");
    expect(toAlertError(failed(404), now).decision).toBe("permanent");
    expect(toAlertError(failed(301), now).decision).toBe("permanent");
    expect(toAlertError(failed(null, null, true), now).decision).toBe("unhealthy");
    const limited = toAlertError(failed(429, "120"), now);
    expect(limited.decision).toBe("retry_at");
    expect(limited.retryAt?.toISOString()).toBe("2026-11-23T12:02:00.000Z");
  });

  it("Should read Retry-After as seconds or a date, a minute without one, and at most an hour", () => {
    expect(retryAfterTime(null, now).toISOString()).toBe("2026-11-23T12:01:00.000Z");
    expect(retryAfterTime("Mon, 23 Nov 2026 12:05:00 GMT", now).toISOString()).toBe("2026-11-23T12:05:00.000Z");
    expect(retryAfterTime("86400", now).toISOString()).toBe("2026-11-23T13:00:00.000Z");
    expect(retryAfterTime("soon", now).toISOString()).toBe("2026-11-23T12:01:00.000Z");
  });
});
