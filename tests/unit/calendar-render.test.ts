import { describe, expect, it } from "vitest";
import { cachedRouteIndex, cachedRoutes, isCachedPath } from "../../src/middleware/public-cache/paths.ts";
import { foldLine, icsDate, icsText } from "../../src/render/calendar.ts";

describe("iCalendar text", () => {
  it("Should escape TEXT as RFC 5545 asks and keep control characters out", () => {
    expect(icsText("a\\b; c, d\ne\r\nf\rg")).toBe("a\\\\b\\; c\\, d\\ne\\nf\\ng");
    expect(icsText("tab\tbell\u0007")).toBe("tab\tbell\uFFFD");
  });

  it("Should fold at 75 octets, 74 after each leading space, never inside a character", () => {
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
    const folded = foldLine(`SUMMARY:${"é🚀東".repeat(40)}`);
    const lines = folded.split("\r\n");
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join("")).toBe(`SUMMARY:${"é🚀東".repeat(40)}`);
  });

  it("Should write instants in UTC to the second", () => {
    expect(icsDate(new Date("2026-11-24T02:00:00.250Z"))).toBe("20261124T020000Z");
  });

  it("Should cache both calendar paths under their own route label", () => {
    for (const path of ["/maintenance.ics", "/api/v2/scheduled-maintenances.ics"]) {
      expect(isCachedPath(path)).toBe(true);
      expect(cachedRoutes[cachedRouteIndex(`${path}?x=1`)]).toBe(path);
    }
  });
});
