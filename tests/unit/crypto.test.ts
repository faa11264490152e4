import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { standardWebhookSignature } from "../../src/channels/webhook-post.ts";
import { generateApiKey, sha256Hex, standardWebhooksSecret, timingSafeEqual } from "../../src/lib/crypto.ts";
import { newId } from "../../src/lib/ids.ts";

describe("sha256Hex", () => {
  it("Should match the FIPS 180-2 vector for abc", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("Should hash the empty string", async () => {
    expect(await sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("Should hash the UTF-8 bytes of non-ASCII text", async () => {
    const expected = await crypto.subtle.digest("SHA-256", new Uint8Array([0xc3, 0xa9]));
    const hex = [...new Uint8Array(expected)].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(await sha256Hex("é")).toBe(hex);
  });

  it("Should return 64 lowercase hex characters", async () => {
    expect(await sha256Hex("cnd_anything")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("timingSafeEqual", () => {
  it("Should be true for equal strings", () => {
    expect(timingSafeEqual("cnd_secret", "cnd_secret")).toBe(true);
    expect(timingSafeEqual("", "")).toBe(true);
    expect(timingSafeEqual("ünïcødé", "ünïcødé")).toBe(true);
  });

  it("Should be false for strings of the same length that differ", () => {
    expect(timingSafeEqual("cnd_secret", "cnd_secreT")).toBe(false);
    expect(timingSafeEqual("abc", "xbc")).toBe(false);
  });

  it("Should be false for strings of different lengths", () => {
    expect(timingSafeEqual("abc", "abcd")).toBe(false);
    expect(timingSafeEqual("abcd", "abc")).toBe(false);
    expect(timingSafeEqual("", "a")).toBe(false);
  });

  it("Should be false when the longer string only adds zero bytes", () => {
    expect(timingSafeEqual("abc", "abc\u0000")).toBe(false);
  });

  it("Should compare bytes, so distinct characters with the same length differ", () => {
    expect(timingSafeEqual("é", "e\u0301")).toBe(false);
  });
});

describe("generateApiKey", () => {
  it("Should be cnd_ followed by 32 base64url characters", () => {
    for (let i = 0; i < 200; i++) expect(generateApiKey()).toMatch(/^cnd_[A-Za-z0-9_-]{32}$/);
  });

  it("Should be different every time", () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey()));
    expect(keys.size).toBe(1000);
  });
});

describe("newId", () => {
  it("Should be the prefix, an underscore and 16 base32 characters without i, l, o or u", () => {
    for (let i = 0; i < 200; i++) expect(newId("inc")).toMatch(/^inc_[0-9abcdefghjkmnpqrstvwxyz]{16}$/);
  });

  it("Should keep any prefix it is given", () => {
    expect(newId("cmp")).toMatch(/^cmp_/);
    expect(newId("upd")).toMatch(/^upd_/);
  });

  it("Should be different every time", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId("inc")));
    expect(ids.size).toBe(1000);
  });
});

describe("standardWebhooksSecret and standardWebhookSignature", () => {
  it("Should spell the secret's bytes as whsec_ and base64, and sign as the standardwebhooks library signs", async () => {
    expect(standardWebhooksSecret("ab01")).toBe("whsec_YWIwMQ==");
    const secret = "0123456789abcdef".repeat(4);
    const body = '{"caf\u00e9":"naïve"}';
    const ours = await standardWebhookSignature(secret, "upd_1", "1764763200", body);
    const theirs = new Webhook(standardWebhooksSecret(secret)).sign("upd_1", new Date(1764763200_000), body);
    expect(ours).toBe(theirs);
  });
});
