import { describe, expect, it } from "vitest";
import { type AckInput, type AckPost, ackMaxAgeMs, acknowledgeable } from "../../src/domain/listen/acknowledge.ts";

const now = new Date("2026-12-03T10:00:00Z");
const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);

/** A fresh mention during an open incident, well under the cap: acknowledgeable unless overridden. */
const decide = (post: Partial<AckPost> = {}, rest: Partial<Omit<AckInput, "post">> = {}) =>
  acknowledgeable({
    post: {
      mentionsUs: true,
      fromUs: false,
      isRetweet: false,
      postedAt: minutesAgo(5),
      foundBy: ["mentions"],
      ...post,
    },
    now,
    incidentOpen: true,
    authorStopped: false,
    sentInLast15m: 0,
    capPer15m: 30,
    ...rest,
  });

describe("acknowledgeable", () => {
  it("says yes to a fresh mention during an open incident", () => {
    expect(decide()).toEqual({ ok: true });
    expect(decide({ foundBy: ["search", "mentions"] })).toEqual({ ok: true });
  });

  it.each<[string, Partial<AckPost>, Partial<Omit<AckInput, "post">>, string]>([
    ["our own post", { fromUs: true }, {}, "ours"],
    ["a retweet", { isRetweet: true }, {}, "retweet"],
    ["a post found only by the keyword search", { foundBy: ["search"], mentionsUs: false }, {}, "search_only"],
    ["a search hit holding our handle as text but no real mention", { foundBy: ["search"] }, {}, "search_only"],
    ["a post no poll found", { foundBy: [] }, {}, "not_mentioned"],
    ["a post among mentions that X does not mark as mentioning us", { mentionsUs: false }, {}, "not_mentioned"],
    ["a mention with no incident open", {}, { incidentOpen: false }, "no_incident"],
    ["an author who asked us to stop", {}, { authorStopped: true }, "stopped"],
    ["a mention over 2 hours old", { postedAt: new Date(now.getTime() - ackMaxAgeMs - 1) }, {}, "too_old"],
    ["the 15-minute cap reached", {}, { sentInLast15m: 30 }, "capped"],
    ["the cap passed", {}, { sentInLast15m: 31 }, "capped"],
  ])("refuses %s", (_, post, rest, reason) => {
    expect(decide(post, rest)).toEqual({ ok: false, reason });
  });

  it("accepts a post exactly 2 hours old, and one stamped a little in the future (clock skew)", () => {
    expect(decide({ postedAt: new Date(now.getTime() - ackMaxAgeMs) })).toEqual({ ok: true });
    expect(decide({ postedAt: new Date(now.getTime() + 30_000) })).toEqual({ ok: true });
  });

  it("a cap of 0 sends nothing", () => {
    expect(decide({}, { capPer15m: 0 })).toEqual({ ok: false, reason: "capped" });
  });

  describe("gives the most fundamental reason when several hold", () => {
    const everythingWrong = {
      post: { fromUs: true, isRetweet: true, foundBy: ["search"], mentionsUs: false, postedAt: minutesAgo(500) },
      rest: { incidentOpen: false, authorStopped: true, sentInLast15m: 99 },
    } as const;
    // Take the failures away one by one, in the documented order.
    const order: [string, Partial<AckPost>, Partial<Omit<AckInput, "post">>][] = [
      ["ours", {}, {}],
      ["retweet", { fromUs: false }, {}],
      ["search_only", { isRetweet: false }, {}],
      ["not_mentioned", { foundBy: ["mentions"] }, {}],
      ["no_incident", { mentionsUs: true }, {}],
      ["stopped", {}, { incidentOpen: true }],
      ["too_old", {}, { authorStopped: false }],
      ["capped", { postedAt: minutesAgo(1) }, {}],
    ];
    let post: Partial<AckPost> = { ...everythingWrong.post, foundBy: [...everythingWrong.post.foundBy] };
    let rest: Partial<Omit<AckInput, "post">> = { ...everythingWrong.rest };
    for (const [reason, fixPost, fixRest] of order) {
      post = { ...post, ...fixPost };
      rest = { ...rest, ...fixRest };
      const [p, r] = [post, rest];
      it(reason, () => expect(decide(p, r)).toEqual({ ok: false, reason }));
    }
  });
});
