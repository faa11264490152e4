import { describe, expect, it } from "vitest";
import { backoffMs } from "../../src/delivery/backoff.ts";

const hourMs = 3_600_000;
/** The un-jittered delay: 2^attempts seconds, at most an hour. */
const base = (attempts: number) => Math.min(hourMs, 1000 * 2 ** attempts);

describe("backoffMs", () => {
  it.each([
    // attempts, delay with the smallest jitter (random 0 → ×0.5), with the middle one (random 0.5 → ×0.75)
    [0, 500, 750],
    [1, 1000, 1500],
    [2, 2000, 3000],
    [3, 4000, 6000],
    [4, 8000, 12_000],
    [5, 16_000, 24_000],
    [8, 128_000, 192_000],
    [10, 512_000, 768_000],
    [11, 1_024_000, 1_536_000],
    // 2^12 s is more than an hour: capped from here on.
    [12, 1_800_000, 2_700_000],
    [13, 1_800_000, 2_700_000],
    [20, 1_800_000, 2_700_000],
    [1000, 1_800_000, 2_700_000],
  ])("Should wait 2^%i seconds, jittered (%i ms at least, %i ms in the middle)", (attempts, low, middle) => {
    expect(backoffMs(attempts, () => 0)).toBe(low);
    expect(backoffMs(attempts, () => 0.5)).toBe(middle);
  });

  it("Should double with every attempt until the cap", () => {
    for (let attempts = 1; attempts <= 11; attempts++) {
      expect(backoffMs(attempts, () => 0.5)).toBe(2 * backoffMs(attempts - 1, () => 0.5));
    }
  });

  it("Should never grow again once capped at an hour", () => {
    let previous = 0;
    for (let attempts = 0; attempts <= 40; attempts++) {
      const delay = backoffMs(attempts, () => 0.999_999);
      expect(delay).toBeGreaterThanOrEqual(previous);
      expect(delay).toBeLessThanOrEqual(hourMs);
      previous = delay;
    }
    expect(backoffMs(12, () => 0.999_999)).toBe(backoffMs(40, () => 0.999_999));
  });

  it.each([0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99])("Should scale by 0.5 + random/2 (random %f)", (r) => {
    for (const attempts of [0, 3, 7, 11, 12, 30]) {
      expect(backoffMs(attempts, () => r)).toBe(Math.round(base(attempts) * (0.5 + r / 2)));
    }
  });

  it("Should keep the jitter factor in [0.5, 1) with the default random source", () => {
    for (let i = 0; i < 2000; i++) {
      const attempts = i % 16;
      const delay = backoffMs(attempts);
      expect(delay).toBeGreaterThanOrEqual(base(attempts) / 2);
      // A factor just below 1 can round up to the base itself, never past it.
      expect(delay).toBeLessThanOrEqual(base(attempts));
    }
  });

  it("Should spread rows that fail together", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffMs(10)));
    expect(delays.size).toBeGreaterThan(10);
  });

  it("Should stay below the un-jittered delay for any random value short of 1", () => {
    for (const attempts of [5, 11, 12]) {
      expect(backoffMs(attempts, () => 0.99)).toBeLessThan(base(attempts));
      expect(backoffMs(attempts, () => 0)).toBe(base(attempts) / 2);
    }
  });
});
