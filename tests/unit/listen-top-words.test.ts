import { describe, expect, it } from "vitest";
import { topWords } from "../../src/domain/listen/top-words.ts";

describe("topWords", () => {
  it("counts words across posts, most frequent first", () => {
    expect(topWords(["Login broken again", "login page broken", "LOGIN still broken?", "checkout slow"], 3)).toEqual([
      { word: "login", count: 3 },
      { word: "broken", count: 3 },
      { word: "page", count: 1 },
    ]);
  });

  it("breaks ties by the order words were first seen", () => {
    expect(topWords(["zeta alpha", "alpha zeta", "mango"], 3).map((w) => w.word)).toEqual(["zeta", "alpha", "mango"]);
  });

  it("leaves out stop words, @handles, URLs and words under 3 letters", () => {
    const words = topWords(
      [
        "@acme @AcmeSupport is it down for you?? https://t.co/abc123 www.example.com/x",
        "It's down and I can't do anything, the app is down",
      ],
      10,
    ).map((w) => w.word);
    expect(words).toEqual(["down", "anything", "app"]);
  });

  it("keeps numbers of three digits or more: error codes are what people quote", () => {
    expect(topWords(["502 again", "getting 502", "HTTP 502 on checkout"], 1)).toEqual([{ word: "502", count: 3 }]);
  });

  it("treats curly and straight apostrophes alike and drops contractions that are stop words", () => {
    expect(topWords(["don’t", "don't", "won’t load", "o'clock o’clock"], 5)).toEqual([
      { word: "o'clock", count: 2 },
      { word: "load", count: 1 },
    ]);
  });

  it("reads hashtags as their words and keeps accented letters", () => {
    expect(topWords(["#AcmeDown café", "acmedown CAFÉ"], 2)).toEqual([
      { word: "acmedown", count: 2 },
      { word: "café", count: 2 },
    ]);
  });

  it("returns no more than n, and nothing for n ≤ 0 or no text", () => {
    expect(topWords(["one two three four"], 2)).toHaveLength(2);
    expect(topWords(["outage"], 0)).toEqual([]);
    expect(topWords(["outage"], -1)).toEqual([]);
    expect(topWords([], 5)).toEqual([]);
  });
});
