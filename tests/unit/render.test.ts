// The page templates are tested through the app in tests/integration/status-page.test.ts.
import { describe, expect, it } from "vitest";
import { formatTime } from "../../src/render/time.ts";

describe("formatTime", () => {
  it("Should format a time in UTC with the zone name", () => {
    expect(formatTime(new Date("2026-11-23T14:30:00Z"), "UTC")).toBe("14:30 UTC");
  });

  it("Should use a 24-hour clock with leading zeros", () => {
    expect(formatTime(new Date("2026-11-23T00:05:00Z"), "UTC")).toBe("00:05 UTC");
    expect(formatTime(new Date("2026-11-23T23:59:59Z"), "UTC")).toBe("23:59 UTC");
  });

  it("Should show BST for Europe/London in summer", () => {
    expect(formatTime(new Date("2026-07-01T14:30:00Z"), "Europe/London")).toBe("15:30 BST");
  });

  it("Should show GMT for Europe/London in winter", () => {
    expect(formatTime(new Date("2026-11-23T14:30:00Z"), "Europe/London")).toBe("14:30 GMT");
  });

  it("Should include the date when asked", () => {
    expect(formatTime(new Date("2026-11-23T14:30:00Z"), "UTC", true)).toBe("23 Nov 2026, 14:30 UTC");
    expect(formatTime(new Date("2026-07-01T14:30:00Z"), "Europe/London", true)).toBe("1 Jul 2026, 15:30 BST");
  });

  it("Should give the date in the page's zone, not UTC", () => {
    expect(formatTime(new Date("2026-07-01T23:30:00Z"), "Europe/London", true)).toBe("2 Jul 2026, 00:30 BST");
  });
});
