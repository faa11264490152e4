import { describe, expect, it } from "vitest";
import { shortDuration } from "../../../src/render/views/durations.ts";
import { dayLabel, monthLabel, timeView } from "../../../src/render/views/times.ts";
import { at, minutes } from "./fixtures.ts";

describe("durations", () => {
  it("Should say compact spans, rounded down so nothing lasted longer than it did", () => {
    expect(shortDuration(0)).toBe("under a minute");
    expect(shortDuration(59_999)).toBe("under a minute");
    expect(shortDuration(minutes(45))).toBe("45 min");
    expect(shortDuration(minutes(120))).toBe("2 h");
    expect(shortDuration(minutes(125) + 59_000)).toBe("2 h 5 min");
    expect(shortDuration(minutes(3 * 1440 + 4 * 60 + 7))).toBe("3 d 4 h");
    expect(shortDuration(minutes(2 * 1440))).toBe("2 d");
    expect(shortDuration(-5)).toBe("under a minute");
  });
});

describe("times", () => {
  const now = at("2026-11-23T12:00:00Z");

  it("Should leave the date out for an instant on the same day in the page's zone", () => {
    expect(timeView(at("2026-11-23T14:30:00Z"), "UTC", now)).toEqual({
      iso: "2026-11-23T14:30:00.000Z",
      text: "14:30 UTC",
      withDate: false,
    });
  });

  it("Should name the date when the day differs in the page's zone, or when there is nothing to compare", () => {
    expect(timeView(at("2026-11-23T23:30:00Z"), "Europe/Berlin", now).text).toBe("24 Nov 2026, 00:30 CET");
    expect(timeView(at("2026-11-23T14:30:00Z"), "UTC").withDate).toBe(true);
  });

  it("Should label days and months", () => {
    expect(dayLabel("2026-11-24")).toBe("24 Nov 2026");
    expect(monthLabel(at("2026-11-30T23:30:00Z"), "Europe/Berlin")).toBe("December 2026");
  });
});
