import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.ts";
import { decodeCursor, encodeCursor } from "../../src/lib/cursor.ts";

describe("list cursors", () => {
  const at = new Date("2026-11-23T12:00:00.000Z");

  it("Should be base64url without padding, and read back", () => {
    const cursor = encodeCursor(at, "inc_4k2x9v7m1q3r8t5w");
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ at, id: "inc_4k2x9v7m1q3r8t5w" });
  });

  it("Should still read a cursor written in standard base64", () => {
    const old = btoa(JSON.stringify([at.toISOString(), "inc_abc"])).replaceAll("=", "");
    expect(decodeCursor(old)).toEqual({ at, id: "inc_abc" });
  });

  it("Should refuse anything else with a 400 naming cursor", () => {
    for (const bad of [
      "",
      "nope",
      btoa("[1,2]"),
      btoa('["not a time","inc_1"]'),
      btoa('["2026-11-23T12:00:00Z","a b"]'),
    ]) {
      let caught: unknown;
      try {
        decodeCursor(bad);
      } catch (err) {
        caught = err;
      }
      expect(caught, bad).toBeInstanceOf(AppError);
      expect((caught as AppError).details?.[0].field).toBe("cursor");
    }
  });
});
