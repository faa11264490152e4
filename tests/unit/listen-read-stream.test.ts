import { describe, expect, it } from "vitest";
import { type StreamPost, streamVerdict } from "../../src/domain/listen/read-stream.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 10, minute));
const post = (minute: number, text: string, more: Partial<StreamPost> = {}): StreamPost => ({
  text,
  at: at(minute),
  repliesToUs: false,
  ...more,
});
const read = (posts: StreamPost[], answeredByUs = false) => streamVerdict(posts, { answeredByUs });

describe("streamVerdict", () => {
  it("replies when their posts only tell of the problem", () => {
    expect(read([post(1, "@acme is down"), post(5, "still nothing loads @acme")])).toEqual({ skip: false });
    expect(read([])).toEqual({ skip: false });
  });

  it("skips someone who asked us to stop, whenever they said it", () => {
    expect(read([post(1, "STOP"), post(5, "@acme down again")])).toEqual({ skip: true, reason: "asked_to_stop" });
  });

  it("puts a stop before every other reason: the caller keeps it", () => {
    expect(read([post(1, "it's back"), post(2, "stop replying", { repliesToUs: true })], true)).toEqual({
      skip: true,
      reason: "asked_to_stop",
    });
  });

  it("reads only their words for a stop: our own posts in the stream are ours", () => {
    const ours = post(3, "Reply STOP and we won't auto-reply again.", { fromUs: true });
    expect(read([post(1, "@acme down"), ours])).toEqual({ skip: true, reason: "already_answered" });
  });

  it("skips someone we already answered, or who is talking in our thread", () => {
    expect(read([post(1, "@acme down")], true)).toEqual({ skip: true, reason: "already_answered" });
    expect(read([post(1, "@acme when?", { repliesToUs: true })])).toEqual({ skip: true, reason: "already_answered" });
  });

  it("skips someone whose newest word is that it works", () => {
    expect(read([post(1, "@acme down"), post(9, "oh it's back, never mind")])).toEqual({
      skip: true,
      reason: "works_now",
    });
  });

  it("goes by time, not by the order given, and by the newest post that says anything", () => {
    const back = post(5, "works now");
    const downAgain = post(8, "aaand it's down again");
    const thanks = post(9, "thanks everyone");
    expect(read([downAgain, thanks, back])).toEqual({ skip: false });
    expect(read([thanks, back, post(2, "down")])).toEqual({ skip: true, reason: "works_now" });
  });
});
