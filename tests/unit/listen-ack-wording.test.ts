/**
 * The automatic acknowledgement's words: apology first, the honest promise,
 * the link, a way off X, how to stop, that it is automated; always within
 * X's 280 weighted characters, shortened in the documented order.
 */
import { describe, expect, it } from "vitest";
import { type AckFacts, ackVariantCount, pickAckVariant, renderAck } from "../../src/render/ack.ts";
import { tweetLength, tweetLimit } from "../../src/render/tweet.ts";

const url = "https://status.acme.com/incidents/inc_0123456789abcdef";
const promise = "We don't have a fix time yet; next update by 14:30 UTC.";
const stopHint = "Reply STOP and we won't auto-reply again.";
const facts: AckFacts = { handle: "ann", promise, url, contact: "help@acme.com", stopHint, variant: 0 };
const ack = (more: Partial<AckFacts> = {}) => renderAck({ ...facts, ...more });
const variants = Array.from({ length: ackVariantCount }, (_, v) => v);

/** What every acknowledgement must hold, whatever went in. */
function expectHonestAck(text: string, f: AckFacts) {
  expect(tweetLength(text), text).toBeLessThanOrEqual(tweetLimit);
  expect(text.startsWith(`@${f.handle.replace(/^@+/, "")} Sorry`), text).toBe(true);
  expect(text).toContain(f.promise);
  expect(text).toContain(f.url);
  expect(text).toContain(f.stopHint);
  expect(text).toMatch(/\(Automated( reply)?\)$/);
  expect(text).not.toMatch(/&(amp|lt|gt|quot|#x27|#39|#x60|#x3D);/);
  expect(() => encodeURIComponent(text)).not.toThrow();
}

describe("renderAck", () => {
  it("says it all in the usual case, empathy included", () => {
    expect(ack()).toBe(
      "@ann Sorry for the trouble — we know about the problem. It's frustrating, we know. " +
        `${promise} Updates: ${url} Or reach us off X at help@acme.com. ${stopHint} (Automated reply)`,
    );
  });

  it.each(variants)("variant %i apologises first, keeps every part and fits", (variant) => {
    const text = ack({ variant, handle: "a_fifteen_chars" });
    expectHonestAck(text, { ...facts, handle: "a_fifteen_chars" });
    expect(text).toContain("Or reach us off X at help@acme.com.");
  });

  it("has variants that all read differently", () => {
    const texts = variants.map((variant) => ack({ variant }));
    expect(new Set(texts).size).toBe(ackVariantCount);
    expect(ackVariantCount).toBeGreaterThanOrEqual(4);
  });

  it("takes any whole number as a variant, modulo the count", () => {
    expect(ack({ variant: ackVariantCount + 1 })).toBe(ack({ variant: 1 }));
    expect(ack({ variant: -1 })).toBe(ack({ variant: ackVariantCount - 1 }));
  });

  it.each(["handle", "promise", "url", "stopHint"] as const)("refuses a blank %s", (part) => {
    expect(() => ack({ [part]: "  " })).toThrow(TypeError);
  });

  it("takes a fractional variant as its whole part", () => {
    expect(ack({ variant: 2.7 })).toBe(ack({ variant: 2 }));
  });

  it("takes the handle with or without @", () => {
    expect(ack({ handle: "@ann" })).toBe(ack());
  });

  describe("fits 280 whatever the facts", () => {
    const longUrl = `https://status.acme-enterprise-cloud.example.com/incidents/${"x".repeat(200)}?from=x&utm=${"y".repeat(80)}`;
    const longContact = `customer-support-escalations-team@${"very-long-subdomain.".repeat(3)}acme.example.com`;
    const cjkPromise = "修正の見込み時刻はまだ分かりません。次の更新は14:30 UTCまでにお知らせします。";
    const emojiPromise = "⏳ We don't have a fix time yet 🙏; next update by 14:30 UTC. 🔧🔧";
    const cases: [string, Partial<AckFacts>][] = [
      ["a long URL (X counts it as 23)", { url: longUrl }],
      ["a long contact", { contact: longContact }],
      ["a CJK promise (two per character)", { promise: cjkPromise }],
      ["an emoji promise", { promise: emojiPromise }],
      [
        "everything long at once",
        { url: longUrl, contact: longContact, promise: cjkPromise, handle: "a_fifteen_chars" },
      ],
      ["a contact URL", { contact: `https://acme.com/help/${"z".repeat(120)}` }],
      [
        "emoji in the contact",
        { contact: "help@acme.com 📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧📧" },
      ],
    ];
    for (const [name, more] of cases) {
      it.each(variants)(`${name}, variant %i`, (variant) => {
        expectHonestAck(ack({ ...more, variant }), { ...facts, ...more, variant });
      });
    }
  });

  describe("shortens in the documented order, never cutting the promise, link or stop hint", () => {
    // Promises just long enough to force each step, found by growing them.
    const grown = (test: (text: string) => boolean) => {
      for (let n = 0; n < 280; n++) {
        const p = `Next update by 14:30 UTC.${" More".repeat(n)}`;
        const text = ack({ promise: p });
        if (test(text)) return { p, text };
      }
      throw new Error("never reached");
    };
    const empathy = "It's frustrating, we know.";

    it("1. drops the empathy sentence first", () => {
      const { text } = grown((t) => !t.includes(empathy));
      expect(text).toContain("Or reach us off X at help@acme.com.");
      expect(text).toContain("(Automated reply)");
    });

    it("2. then shortens the contact's lead-in", () => {
      const { text } = grown((t) => !t.includes("Or reach us off X"));
      expect(text).not.toContain(empathy);
      expect(text).toContain(" Or: help@acme.com. ");
      expect(text).toContain("(Automated reply)");
    });

    it("3. then says (Automated) instead of (Automated reply)", () => {
      const { text } = grown((t) => t.endsWith("(Automated)"));
      expect(text).toContain(" Or: help@acme.com. ");
    });

    it("4. last drops the contact; the incident page is linked", () => {
      const { p, text } = grown((t) => !t.includes("help@acme.com"));
      expectHonestAck(text, { ...facts, promise: p });
      expect(text).toBe(
        `@ann Sorry for the trouble — we know about the problem. ${p} Updates: ${url} ${stopHint} (Automated)`,
      );
    });

    it("refuses, rather than cut the promise, when even that does not fit", () => {
      expect(() => ack({ promise: "Next update by 14:30 UTC. ".repeat(12) })).toThrow(RangeError);
    });
  });

  it("writes plain text: nothing is HTML-escaped", () => {
    const odd = {
      contact: "Q&A <help@acme.com>",
      promise: `Fix "soon" isn't a time: next update by 14:30 UTC & we'll say more = then.`,
      stopHint: "Reply `STOP` & we won't auto-reply again.",
    };
    const text = ack(odd);
    expect(text).toContain("Q&A <help@acme.com>");
    expectHonestAck(text, { ...facts, ...odd });
  });

  it("neither defends the product nor blames the customer", () => {
    for (const variant of variants) {
      expect(ack({ variant })).not.toMatch(
        /your (end|side|fault|device|network|connection)|working as (intended|designed)|user error/i,
      );
    }
  });
});

describe("pickAckVariant", () => {
  const seeds = Array.from({ length: 200 }, (_, i) => `17900000000000${i}`);

  it("never picks the previous wording", () => {
    for (const seed of seeds) {
      for (let previous = 0; previous < 4; previous++) expect(pickAckVariant(previous, 4, seed)).not.toBe(previous);
    }
  });

  it("stays in range and reaches every wording", () => {
    const seen = new Set(seeds.map((seed) => pickAckVariant(null, 4, seed)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    for (let previous = 0; previous < 4; previous++) {
      const others = new Set(seeds.map((seed) => pickAckVariant(previous, 4, seed)));
      expect(others.size).toBe(3);
    }
  });

  it("is the same for the same arguments", () => {
    expect(pickAckVariant(1, 4, "abc")).toBe(pickAckVariant(1, 4, "abc"));
  });

  it("chained, no two in a row are the same", () => {
    let previous: number | null = null;
    for (const seed of seeds) {
      const next = pickAckVariant(previous, ackVariantCount, seed);
      expect(next).not.toBe(previous);
      previous = next;
    }
  });

  it("with one wording (or none) can only say 0; a previous out of range is ignored", () => {
    expect(pickAckVariant(0, 1, "abc")).toBe(0);
    expect(pickAckVariant(null, 0, "abc")).toBe(0);
    expect(pickAckVariant(7, 4, "abc")).toBe(pickAckVariant(null, 4, "abc"));
  });
});
