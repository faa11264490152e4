import { describe, expect, it } from "vitest";
import { parseDuration } from "../../src/lib/duration.ts";

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe("parseDuration", () => {
  it.each([
    ["PT30M", 30 * minute],
    ["PT1M", minute],
    ["PT24H", day],
    ["P1D", day],
    ["PT1H30M", hour + 30 * minute],
    ["PT0.5S", 500],
    ["PT45S", 45 * second],
    ["PT1.25S", 1250],
    ["P1W", 7 * day],
    ["P1W2D", 9 * day],
    ["P1DT12H", day + 12 * hour],
    ["P1DT2H3M4S", day + 2 * hour + 3 * minute + 4 * second],
    ["PT0S", 0],
    ["PT90M", 90 * minute],
  ])("Should parse %s as %i ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ["the empty string", ""],
    ["a bare P", "P"],
    ["a bare PT", "PT"],
    ["a trailing T", "P1DT"],
    ["years", "P1Y"],
    ["months", "P1M"],
    ["months with time", "P1MT1H"],
    ["a plain unit", "30m"],
    ["a lowercase designator", "pt30m"],
    ["a negative amount", "PT-1M"],
    ["a negative sign before P", "-PT1M"],
    ["a missing P", "T30M"],
    ["a number with no unit", "PT30"],
    ["units out of order", "PT30M1H"],
    ["a fraction of a minute", "PT1.5M"],
    ["a comma decimal", "PT0,5S"],
    ["surrounding whitespace", " PT30M "],
    ["a time unit before T", "P30H"],
  ])("Should refuse %s", (_, text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it("Should refuse a duration too large to represent", () => {
    expect(parseDuration(`PT${"9".repeat(400)}S`)).toBeNull();
  });

  it("Should round to whole milliseconds", () => {
    expect(parseDuration("PT0.0004S")).toBe(0);
    expect(parseDuration("PT0.0015S")).toBe(2);
  });
});
