import { describe, expect, it } from "vitest";
import { addDays, dayKey } from "../../src/lib/days.ts";
import { formatTime } from "../../src/render/time.ts";

const zones = ["UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham"];

describe("dayKey", () => {
  it("Should give Intl's calendar day for every instant, across DST changes and odd offsets, when remembered", () => {
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (const zone of zones) {
      const intl = new Intl.DateTimeFormat("en-CA", {
        timeZone: zone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      });
      const wrong: string[] = [];
      // Every 37 minutes 13 seconds for a year, then the same instants a few
      // minutes later: each quarter hour is met at different points within it.
      for (const shift of [0, 433_000]) {
        for (let t = start + shift; t < start + 366 * 86_400_000; t += 2_233_000) {
          const at = new Date(t);
          if (dayKey(at, zone) !== intl.format(at)) wrong.push(at.toISOString());
        }
      }
      expect(wrong, zone).toEqual([]);
    }
  });

  it("Should turn the day at local midnight", () => {
    expect(dayKey(new Date("2026-11-24T22:59:59Z"), "Europe/Berlin")).toBe("2026-11-24");
    expect(dayKey(new Date("2026-11-24T23:00:00Z"), "Europe/Berlin")).toBe("2026-11-25");
    expect(dayKey(new Date("2026-11-24T18:14:59Z"), "Asia/Kathmandu")).toBe("2026-11-24");
    expect(dayKey(new Date("2026-11-24T18:15:00Z"), "Asia/Kathmandu")).toBe("2026-11-25");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("formatTime", () => {
  it("Should name the zone and, when asked, the date, with the same formatter reused across calls", () => {
    const at = new Date("2026-11-23T14:30:00Z");
    expect(formatTime(at, "UTC")).toBe("14:30 UTC");
    expect(formatTime(at, "UTC", true)).toBe("23 Nov 2026, 14:30 UTC");
    expect(formatTime(at, "Europe/Berlin")).toBe("15:30 CET");
    expect(formatTime(at, "UTC")).toBe("14:30 UTC");
  });
});
