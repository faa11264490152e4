import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { signToken, type TokenPayload, useSyncHmac, verifyToken } from "../../src/lib/tokens.ts";

const secret = "a".repeat(64);
const now = new Date("2026-11-23T12:00:00Z");
const payload: TokenPayload = { sub: "sub_1", purpose: "unsubscribe", exp: now.getTime() / 1000 + 3600 };

describe("signed tokens", () => {
  afterEach(() => useSyncHmac(undefined));

  it("Should verify a token it signed, with its payload", async () => {
    const token = await signToken(secret, payload);
    expect(await verifyToken(secret, token, "unsubscribe", now)).toEqual({ ok: true, payload });
  });

  it.each([
    ["another purpose", async (t: string) => verifyToken(secret, t, "confirm", now), "invalid"],
    ["another secret", async (t: string) => verifyToken("b".repeat(64), t, "unsubscribe", now), "invalid"],
    [
      "a changed payload",
      async (t: string) => {
        const forged = btoa(JSON.stringify({ ...payload, sub: "sub_2" })).replaceAll("=", "");
        return verifyToken(secret, `${forged}.${t.split(".")[1]}`, "unsubscribe", now);
      },
      "invalid",
    ],
    ["a cut signature", async (t: string) => verifyToken(secret, t.slice(0, -2), "unsubscribe", now), "invalid"],
    ["no signature", async (t: string) => verifyToken(secret, t.split(".")[0], "unsubscribe", now), "invalid"],
    ["garbage", async () => verifyToken(secret, "not a token!", "unsubscribe", now), "invalid"],
    ["an extra part", async (t: string) => verifyToken(secret, `${t}.x`, "unsubscribe", now), "invalid"],
    [
      "the expiry reached",
      async (t: string) => verifyToken(secret, t, "unsubscribe", new Date(payload.exp * 1000)),
      "expired",
    ],
  ])("Should refuse a token checked with %s", async (_what, check, reason) => {
    const token = await signToken(secret, payload);
    expect(await check(token)).toEqual({ ok: false, reason });
  });

  it("Should sign the same bytes with a synchronous HMAC (the Node entry's) as with Web Crypto", async () => {
    const web = await signToken(secret, payload);
    useSyncHmac((key, data) => createHmac("sha256", key).update(data).digest());
    const sync = await signToken(secret, payload);
    expect(sync).toBe(web);
    expect(await verifyToken(secret, sync, "unsubscribe", now)).toMatchObject({ ok: true });
  });
});
