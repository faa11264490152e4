import { describe, expect, it } from "vitest";
import { problems, tooLongMessage } from "../../scripts/fake-x/server.ts";
import { toChannelError } from "../../src/channels/twitter.ts";
import { XApiError, XRequestError } from "../../src/channels/x-errors.ts";
import {
  composeTweet,
  customTweetLimit,
  type TweetFacts,
  tweetLength,
  tweetLimit,
  tweetUrl,
} from "../../src/render/tweet.ts";

const url = "https://status.example.com/incidents/inc_0123456789abcdef";
const promise = "Next update by 14:30 UTC.";
const base: TweetFacts = {
  first: true,
  title: "API errors",
  status: "investigating",
  message: "We see errors.",
  promise,
  url,
};
const tweet = (facts: Partial<TweetFacts>) => composeTweet({ ...base, ...facts });

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
/** Where each grapheme of `text` ends: the only places a cut may fall without breaking a character. */
const graphemeEnds = (text: string) => new Set([...graphemes.segment(text)].map((s) => s.index + s.segment.length));

/** What every post must be, whatever went in: within X's limit, well-formed, the link last on its own line. */
function expectPostable(text: string, link = url) {
  expect(tweetLength(text)).toBeLessThanOrEqual(tweetLimit);
  expect(text.endsWith(`\n${link}`)).toBe(true);
  // No lone surrogate halves (an emoji cut in two) anywhere.
  expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  // encodeURIComponent throws URIError on a lone surrogate, as X would refuse one.
  expect(() => encodeURIComponent(text)).not.toThrow();
  expect(text).not.toMatch(/&(amp|lt|gt|quot|#x27|#39|#x60|#x3D);/);
}

/**
 * The kept start of a message cut with "…" before the promise: checks that the
 * post has that shape and that the kept part is the message's own start.
 */
function keptOf(text: string, prefix: string, message: string): string {
  expect(text.startsWith(prefix), text).toBe(true);
  expect(text.endsWith(`… ${promise}\n${url}`), text).toBe(true);
  const kept = text.slice(prefix.length, text.length - `… ${promise}\n${url}`.length);
  expect(kept.length).toBeGreaterThan(0);
  expect(message.startsWith(kept), `${JSON.stringify(kept)} is not the message's start`).toBe(true);
  expect(kept.length).toBeLessThan(message.length);
  return kept;
}

describe("composeTweet", () => {
  describe("Wording", () => {
    it.each<[string, Partial<TweetFacts>, string]>([
      [
        "the first post names the title",
        {},
        `Investigating · API errors: We see errors. Next update by 14:30 UTC.\n${url}`,
      ],
      [
        "a later post does not repeat the title",
        { first: false, status: "identified", message: "Fixing." },
        `Identified: Fixing. Next update by 14:30 UTC.\n${url}`,
      ],
      [
        "a post without a promise has no trailing space",
        { first: false, status: "resolved", message: "All fixed.", promise: "" },
        `Resolved: All fixed.\n${url}`,
      ],
      [
        "a blank promise counts as none",
        { first: false, status: "monitoring", message: "Watching.", promise: "   " },
        `Monitoring: Watching.\n${url}`,
      ],
      [
        "a status without a label says Update",
        { status: "something_new" },
        `Update · API errors: We see errors. Next update by 14:30 UTC.\n${url}`,
      ],
      [
        "a URL inside the message counts 23, so a long one does not force a cut",
        { message: `Details at https://example.com/${"p".repeat(200)} for now.` },
        `Investigating · API errors: Details at https://example.com/${"p".repeat(200)} for now. Next update by 14:30 UTC.\n${url}`,
      ],
    ])("Should word it right: %s", (_name, facts, expected) => {
      const text = tweet(facts);
      expect(text).toBe(expected);
      expectPostable(text);
    });

    it("Should count a URL inside the message as 23 weighted characters", () => {
      const long = `https://example.com/${"p".repeat(200)}`;
      const text = tweet({ message: `Details at ${long} for now.` });
      expect(text.length).toBeGreaterThan(tweetLimit);
      expect(tweetLength(text)).toBe(tweetLength(text.replace(long, "x".repeat(23))));
    });

    it.each([
      ["investigating", "Investigating"],
      ["identified", "Identified"],
      ["monitoring", "Monitoring"],
      ["resolved", "Resolved"],
    ])("Should label %s updates %s, with the title on the first post only", (status, label) => {
      expect(tweet({ status, first: true })).toBe(`${label} · API errors: We see errors. ${promise}\n${url}`);
      expect(tweet({ status, first: false })).toBe(`${label}: We see errors. ${promise}\n${url}`);
    });

    it.each<[string, Partial<TweetFacts>]>([
      ["a first post", { first: true }],
      ["a later post", { first: false, status: "resolved" }],
      ["a post whose message would need cutting", { message: "long ".repeat(100) }],
    ])("Should post engineers' own text instead of the wording, keeping the link, on %s", (_name, facts) => {
      const custom = "API errors for some EU customers; we're on it. Details on our status page.";
      const text = tweet({ ...facts, custom });
      expect(text).toBe(`${custom}\n${url}`);
      expectPostable(text);
    });

    it("Should ignore an empty or null custom text", () => {
      expect(tweet({ custom: "" })).toBe(tweet({}));
      expect(tweet({ custom: null })).toBe(tweet({}));
    });

    it.each<[string, Partial<TweetFacts>, string]>([
      [
        "the message",
        { message: `Tom & Jerry's <b>"cache"</b> broke; a=\`b\`.` },
        `Investigating · API errors: Tom & Jerry's <b>"cache"</b> broke; a=\`b\`. ${promise}\n${url}`,
      ],
      [
        "the title",
        { title: `R&D's "<edge>" proxy` },
        `Investigating · R&D's "<edge>" proxy: We see errors. ${promise}\n${url}`,
      ],
      [
        "engineers' own text",
        { custom: `Errors on <api> & "web"; it's being fixed.` },
        `Errors on <api> & "web"; it's being fixed.\n${url}`,
      ],
      [
        "a link with a query string",
        { url: "https://status.example.com/incidents/inc_1?a=1&b=2" },
        `Investigating · API errors: We see errors. ${promise}\nhttps://status.example.com/incidents/inc_1?a=1&b=2`,
      ],
    ])("Should keep characters HTML would escape verbatim in %s (a post is plain text)", (_name, facts, expected) => {
      const text = tweet(facts);
      expect(text).toBe(expected);
      expectPostable(text, facts.url ?? url);
    });
  });

  describe("Cutting to 280", () => {
    type CutCase = [string, Partial<TweetFacts>, (text: string) => void];
    const sentence = "The database primary failed over and replicas are catching up slowly. ";
    const cases: CutCase[] = [
      [
        "a long ASCII message, at a word boundary",
        { message: `${sentence.repeat(8)}End.` },
        (text) => {
          const message = `${sentence.repeat(8)}End.`;
          const kept = keptOf(text, "Investigating · API errors: ", message);
          // Cut after a whole word: the next character of the message is not a letter.
          expect(kept).toMatch(/\w$/);
          expect(message[kept.length]).toMatch(/[\s.,]/);
          expect(text).not.toContain("End.");
        },
      ],
      [
        "a long message on a later post",
        { first: false, status: "monitoring", message: sentence.repeat(8) },
        (text) => {
          keptOf(text, "Monitoring: ", sentence.repeat(8));
          expect(text).not.toContain("API errors");
        },
      ],
      [
        "a single very long word, between characters",
        { message: "x".repeat(400) },
        (text) => {
          const kept = keptOf(text, "Investigating · API errors: ", "x".repeat(400));
          expect(kept).toMatch(/^x+$/);
          // As much as fits: one more character would not.
          expect(tweetLength(text)).toBeGreaterThanOrEqual(tweetLimit - 1);
        },
      ],
      [
        "CJK without spaces (2 each), between characters",
        { message: "障".repeat(200) },
        (text) => {
          const kept = keptOf(text, "Investigating · API errors: ", "障".repeat(200));
          expect(tweetLength(text)).toBeGreaterThanOrEqual(tweetLimit - 1);
          // 2 each: far fewer than 280 - the rest of the post of them.
          expect(kept.length).toBeLessThan(120);
        },
      ],
      [
        "a Japanese sentence without spaces",
        { message: "データベースの障害を調査しています".repeat(20) },
        (text) => {
          keptOf(text, "Investigating · API errors: ", "データベースの障害を調査しています".repeat(20));
          expect(tweetLength(text)).toBeGreaterThan(260);
        },
      ],
      ...(
        [
          ["emoji (2 each)", "🔥".repeat(200)],
          ["emoji with skin tones", "👍🏽".repeat(150)],
          ["flags", "🇯🇵".repeat(150)],
          ["ZWJ sequences", "🏳️‍🌈".repeat(150)],
          ["emoji between letters", "a😀".repeat(200)],
        ] as const
      ).map(
        ([name, message]): CutCase => [
          `${name}, never splitting a character`,
          { message },
          (text) => {
            const kept = keptOf(text, "Investigating · API errors: ", message);
            expect(graphemeEnds(message).has(kept.length), "cut inside a grapheme").toBe(true);
            expect(tweetLength(text)).toBeGreaterThanOrEqual(tweetLimit - 3);
          },
        ],
      ),
      [
        "a title so long that the title itself is cut",
        { title: "Title words ".repeat(40) },
        (text) => {
          const title = "Title words ".repeat(40);
          // The title gives way; the news (the message) stays.
          const kept = /^Investigating · (.+)…: We see errors\. Next update by 14:30 UTC\.\n/.exec(text)?.[1] ?? "";
          expect(kept, text).toMatch(/^Title words\b/);
          expect(title.startsWith(kept)).toBe(true);
          // At a word boundary.
          expect(title[kept.length]).toBe(" ");
        },
      ],
      [
        "a title that is one long word",
        { title: "T".repeat(400) },
        (text) => {
          expect(text).toMatch(/^Investigating · T+…: /);
          expect(text.endsWith(`${promise}\n${url}`)).toBe(true);
        },
      ],
      [
        "a promise too long to keep whole (the last resort)",
        { promise: "P ".repeat(200) },
        (text) => {
          expect(text).toMatch(/^Investigating(: | · )/);
          expect(text).toMatch(/P…\n/);
        },
      ],
      [
        "a long message with no promise",
        { message: sentence.repeat(8), promise: "" },
        (text) => {
          expect(text).toMatch(/^Investigating · API errors: The database primary/);
          expect(text).toMatch(/\w…\n/);
        },
      ],
      [
        "a long message with a link X does not shorten",
        { message: sentence.repeat(8), url: "http://localhost:3000/incidents/inc_0123456789abcdef" },
        (text) => {
          expect(text).toMatch(
            /\w… Next update by 14:30 UTC\.\nhttp:\/\/localhost:3000\/incidents\/inc_0123456789abcdef$/,
          );
        },
      ],
    ];

    it.each(cases)("Should cut %s, keeping the post within 280 and the link last", (_name, facts, check) => {
      const text = tweet(facts);
      expectPostable(text, facts.url ?? url);
      expect(text).toContain("…");
      check(text);
    });

    it("Should not cut a message that makes the post exactly 280, and cut one character more", () => {
      const start = "We are investigating elevated error rates on the API for some customers";
      const overhead = tweetLength(`Investigating · API errors: ${start} ${promise}\n${url}`);
      const padding = "x".repeat(tweetLimit - overhead - 1);
      const exact = `${start} ${padding}`;
      const fits = tweet({ message: exact });
      expect(tweetLength(fits)).toBe(tweetLimit);
      expect(fits).toBe(`Investigating · API errors: ${exact} ${promise}\n${url}`);
      expect(fits).not.toContain("…");

      const over = tweet({ message: `${exact}x` });
      expect(over).toContain("…");
      expect(over).not.toContain(padding);
      expect(over).toBe(`Investigating · API errors: ${start}… ${promise}\n${url}`);
      expectPostable(over);
    });

    it("Should keep the promise whole when the message is cut", () => {
      const text = tweet({
        message: "word ".repeat(100),
        promise: "We expect service back by 15:00 UTC. Next update by 14:30 UTC.",
      });
      expect(text).toMatch(/word… We expect service back by 15:00 UTC\. Next update by 14:30 UTC\.\n/);
      expectPostable(text);
    });

    it("Should cut a long first word between characters when other words follow, not drop the whole message", () => {
      // A pasted token or a long hostname first: no word boundary fits, so
      // the cut falls back to characters rather than dropping the message.
      const message = `${"x".repeat(300)} and then some words.`;
      const text = tweet({ message });
      expectPostable(text);
      expect(text).toMatch(/^Investigating · API errors: x+… Next update by 14:30 UTC\.\n/);
      expect(tweet({ message, first: false, status: "identified" })).toMatch(/^Identified: x+… /);
    });
  });
});

describe("customTweetLimit", () => {
  it.each([
    ["https://status.example.com", 256],
    ["https://example.com/a/long/path/to/the/status/page/of/this/company", 256],
    ["http://status.example.com", 256],
  ])("Should leave %s 256 for engineers' text: the link counts 23, plus the newline", (publicUrl, limit) => {
    expect(customTweetLimit(publicUrl)).toBe(limit);
  });

  it("Should leave less beside a link X does not shorten (localhost), counting it character by character", () => {
    const link = `http://localhost:3000/incidents/inc_${"a".repeat(16)}`;
    const limit = customTweetLimit("http://localhost:3000");
    expect(limit).toBe(tweetLimit - tweetLength(`\n${link}`));
    // "\n" + 36 characters up to the id + 16 of id.
    expect(limit).toBe(227);
    expect(limit).toBeLessThan(256);
  });

  it("Should be exactly the room a custom post has: at the limit it fits, one more does not", () => {
    for (const publicUrl of ["https://status.example.com", "http://localhost:3000"]) {
      const link = `${publicUrl}/incidents/inc_0123456789abcdef`;
      const limit = customTweetLimit(publicUrl);
      const atLimit = composeTweet({ ...base, url: link, custom: "a".repeat(limit) });
      expect(tweetLength(atLimit)).toBe(tweetLimit);
      expect(tweetLength(composeTweet({ ...base, url: link, custom: "a".repeat(limit + 1) }))).toBe(tweetLimit + 1);
    }
  });
});

describe("tweetUrl", () => {
  it("Should give the handle-free address of a post", () => {
    expect(tweetUrl("1790000000000000123")).toBe("https://x.com/i/web/status/1790000000000000123");
  });
});

describe("toChannelError", () => {
  /** As channels/x-http.ts builds it from an HTTP answer: the parsed body, x-rate-limit-reset in epoch seconds. */
  function responseError(code: number, data: unknown, reset?: number) {
    return new XApiError(code, data, reset === undefined ? null : new Date(reset * 1000));
  }
  const generic = (status: number, title: string) => ({ title, detail: title, type: "about:blank", status });
  const tooLong = {
    errors: [{ parameters: { text: ["…"] }, message: tooLongMessage }],
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: "https://api.twitter.com/2/problems/invalid-request",
  };

  const mappings: [string, unknown, string, string][] = [
    ["401", responseError(401, problems.unauthorized), "unhealthy", "X answered 401: Unauthorized"],
    [
      "403 for the app's permissions",
      responseError(403, problems.oauth1Permissions),
      "unhealthy",
      `X answered 403: ${problems.oauth1Permissions.detail}`,
    ],
    [
      "403 for a suspended account",
      responseError(403, { title: "Forbidden", detail: "Your account is suspended.", type: "about:blank" }),
      "unhealthy",
      "X answered 403: Your account is suspended.",
    ],
    [
      "403 for duplicate content (this post, not the channel)",
      responseError(403, problems.duplicate),
      "permanent",
      `X answered 403: ${problems.duplicate.detail}`,
    ],
    [
      "400 for text too long",
      responseError(400, tooLong),
      "permanent",
      "X answered 400: One or more parameters to your request was invalid.",
    ],
    ["404", responseError(404, generic(404, "Not Found")), "permanent", "X answered 404: Not Found"],
    [
      "500",
      responseError(500, generic(500, "Internal Server Error")),
      "retry",
      "X answered 500: Internal Server Error",
    ],
    ["502 with only a title", responseError(502, { title: "Bad Gateway" }), "retry", "X answered 502: Bad Gateway"],
    ["503", responseError(503, generic(503, "Service Unavailable")), "retry", "X answered 503: Service Unavailable"],
    ["503 with an HTML page", responseError(503, "<html>Over capacity</html>"), "retry", "X answered 503"],
    ["408", responseError(408, generic(408, "Request Timeout")), "retry", "X answered 408: Request Timeout"],
    ["409", responseError(409, generic(409, "Conflict")), "retry", "X answered 409: Conflict"],
    [
      "an answer cut off",
      new XRequestError("cut_off", "POST /2/tweets answered 201 with no whole JSON"),
      "retry",
      "X's answer was cut off: POST /2/tweets answered 201 with no whole JSON",
    ],
    [
      "a refused connection",
      new XRequestError("unreachable", "connect ECONNREFUSED 127.0.0.1:9", {
        cause: new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") }),
      }),
      "retry",
      "could not reach X: connect ECONNREFUSED 127.0.0.1:9",
    ],
    [
      "no answer in time",
      new XRequestError("timeout", "no answer to POST /2/tweets within 30 s"),
      "retry",
      "could not reach X: no answer to POST /2/tweets within 30 s",
    ],
    ["any other error", new Error("socket hang up"), "retry", "socket hang up"],
    ["a thrown string", "boom", "retry", "boom"],
  ];
  // Reordered so that the test's name reads "Should map <case> to <decision>".
  it.each(mappings.map(([name, err, decision, message]) => [name, decision, message, err] as const))(
    "Should map %s to %s",
    (_name, decision, message, err) => {
      const mapped = toChannelError(err);
      expect(mapped.decision).toBe(decision);
      expect(mapped.message).toBe(message);
    },
  );

  it("Should wait for the rate limit's reset on 429", () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    const mapped = toChannelError(responseError(429, problems.tooManyRequests, reset));
    expect(mapped).toMatchObject({ decision: "retry_at", message: "X answered 429: Too Many Requests" });
    expect(mapped.retryAt?.getTime()).toBe(reset * 1000);
  });

  it("Should wait X's 15-minute window on 429 without a reset time", () => {
    const before = Date.now();
    const mapped = toChannelError(responseError(429, problems.tooManyRequests));
    expect(mapped.decision).toBe("retry_at");
    const at = mapped.retryAt?.getTime() ?? 0;
    expect(at).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
  });
});
