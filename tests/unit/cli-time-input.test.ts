import { describe, expect, it } from "vitest";
import { htmlToText } from "../../src/cli/preview.ts";
import { bothZones, countdown, parseClock, parseEta, parseSpan, parseWhen } from "../../src/cli/time-input.ts";

const now = new Date("2026-03-28T23:10:00Z");

describe("the CLI's times as engineers type them", () => {
  it("Should read spans as 45m, 2h, 1h30m and 90 min, and nothing else", () => {
    expect(parseSpan("45m")).toBe(45 * 60_000);
    expect(parseSpan("2h")).toBe(2 * 3_600_000);
    expect(parseSpan("1h30m")).toBe(90 * 60_000);
    expect(parseSpan("90 min")).toBe(90 * 60_000);
    for (const bad of ["", "h", "45", "soon", "-5m", "0m"]) expect(parseSpan(bad)).toBeNull();
  });

  it("Should read 15:30 as the next 15:30 in the page's zone, tomorrow once it has passed, across a change to summer time", () => {
    expect(parseClock("23:30", "UTC", now)?.toISOString()).toBe("2026-03-28T23:30:00.000Z");
    expect(parseClock("15:30", "UTC", now)?.toISOString()).toBe("2026-03-29T15:30:00.000Z");
    // London moves to BST on 29 March 2026 at 01:00 UTC: 15:30 that day is 14:30 UTC.
    expect(parseClock("15:30", "Europe/London", now)?.toISOString()).toBe("2026-03-29T14:30:00.000Z");
    expect(parseClock("9:05", "America/New_York", now)?.toISOString()).toBe("2026-03-29T13:05:00.000Z");
    for (const bad of ["25:00", "12:60", "noon", "1530pm"]) expect(parseClock(bad, "UTC", now)).toBeNull();
  });

  it("Should tell a span (sent as next_update_in) from a time (next_update_at), take ISO timestamps, and read unknown as no ETA", () => {
    expect(parseWhen("20m", "UTC", now)).toEqual({ kind: "in", ms: 1_200_000, at: new Date("2026-03-28T23:30:00Z") });
    expect(parseWhen("2026-03-29T10:00:00+01:00", "UTC", now)).toEqual({
      kind: "at",
      at: new Date("2026-03-29T09:00:00Z"),
    });
    expect(parseWhen("tomorrow", "UTC", now)).toBeNull();
    expect(parseEta("unknown", "UTC", now)).toBeNull();
    expect(parseEta("whenever", "UTC", now)).toBeUndefined();
  });

  it("Should say a time in both zones only when the clocks differ, with a countdown", () => {
    const at = new Date("2026-03-28T23:55:00Z");
    expect(bothZones(at, "Europe/London", "UTC", now)).toBe("23:55 GMT");
    expect(bothZones(at, "Europe/London", "Europe/Berlin", now)).toBe("23:55 GMT (00:55 CET here)");
    expect(countdown(at, now)).toBe("in 45 min");
    expect(countdown(new Date("2026-03-29T01:15:00Z"), now)).toBe("in 2 h 5 min");
    expect(countdown(new Date("2026-03-28T23:00:00Z"), now)).toBe("10 min ago");
  });

  it("Should turn the page card's HTML into lines, entities decoded and icons left out", () => {
    const html =
      '<h3><a href="/i">A &amp; B</a></h3>\n<p><span class="ic" aria-hidden="true">✕</span>Major outage · since <time datetime="x">14:00 UTC</time></p><p>It&#x27;s &lt;down&gt;</p>';
    expect(htmlToText(html)).toBe("A & B\nMajor outage · since 14:00 UTC\nIt's <down>");
  });
});
