import { describe, expect, it } from "vitest";
import {
  describePeakWindow,
  nearestOffPeakSlot,
  offPeakSearchMs,
  type PeakHours,
  PeakHoursError,
  parsePeakHours,
  peakOverlap,
} from "../../src/domain/peak-hours/index.ts";

// 2026-11-23 is a Monday. London is on GMT (UTC+0) from 25 Oct 2026 to 28 Mar 2027.
const at = (iso: string) => new Date(iso);
const london = parsePeakHours("Mon-Fri 08:00-20:00 Europe/London");

/** Runs parsePeakHours expecting a PeakHoursError, and returns its message. */
function parseError(text: string): string {
  try {
    parsePeakHours(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PeakHoursError);
    expect((error as PeakHoursError).name).toBe("PeakHoursError");
    return (error as PeakHoursError).message;
  }
  throw new Error("parsePeakHours did not throw");
}

/** The overlap as ISO strings, for readable expectations. */
function overlap(peak: PeakHours | string, start: string, end: string) {
  const found = peakOverlap(typeof peak === "string" ? parsePeakHours(peak) : peak, at(start), at(end));
  return found && { start: found.start.toISOString(), end: found.end.toISOString(), rule: found.rule };
}

/** The slot as ISO strings. */
function slot(peak: PeakHours | string, start: string, end: string, notBefore = "2026-01-01T00:00:00Z") {
  const found = nearestOffPeakSlot(
    typeof peak === "string" ? parsePeakHours(peak) : peak,
    at(start),
    at(end),
    at(notBefore),
  );
  return { start: found.start.toISOString(), end: found.end.toISOString() };
}

describe("peak hours", () => {
  describe("parsePeakHours", () => {
    it("Should read one rule", () => {
      expect(london).toEqual({
        text: "Mon-Fri 08:00-20:00 Europe/London",
        rules: [
          {
            text: "Mon-Fri 08:00-20:00 Europe/London",
            days: [1, 2, 3, 4, 5],
            startMinute: 480,
            endMinute: 1200,
            timeZone: "Europe/London",
          },
        ],
      });
    });

    it("Should read several rules separated by ';', tidying spaces", () => {
      const peak = parsePeakHours("  Mon-Fri   08:00-20:00 Europe/London ;Sat 10:00-14:00\tEurope/London  ");
      expect(peak.text).toBe("Mon-Fri 08:00-20:00 Europe/London; Sat 10:00-14:00 Europe/London");
      expect(peak.rules.map((r) => [r.text, r.days, r.startMinute, r.endMinute])).toEqual([
        ["Mon-Fri 08:00-20:00 Europe/London", [1, 2, 3, 4, 5], 480, 1200],
        ["Sat 10:00-14:00 Europe/London", [6], 600, 840],
      ]);
    });

    it.each<[string, number[]]>([
      ["Mon", [1]],
      ["Sun", [0]],
      ["Mon,Wed,Fri", [1, 3, 5]],
      ["Sat-Sun", [0, 6]],
      ["Fri-Mon", [0, 1, 5, 6]],
      ["Sun-Sat", [0, 1, 2, 3, 4, 5, 6]],
      ["Mon-Sun", [0, 1, 2, 3, 4, 5, 6]],
      ["Tue-Mon", [0, 1, 2, 3, 4, 5, 6]],
      ["Mon-Mon", [1]],
      ["Fri,Mon-Tue,Mon", [1, 2, 5]],
      ["mon-FRI", [1, 2, 3, 4, 5]],
    ])("Should read the days %s", (days, expected) => {
      expect(parsePeakHours(`${days} 09:00-17:00 UTC`).rules[0].days).toEqual(expected);
    });

    it.each<[string, number, number]>([
      ["00:00-24:00", 0, 1440],
      ["00:00-00:01", 0, 1],
      ["23:59-24:00", 1439, 1440],
      ["09:30-17:45", 570, 1065],
    ])("Should read the times %s", (times, startMinute, endMinute) => {
      expect(parsePeakHours(`Mon ${times} UTC`).rules[0]).toMatchObject({ startMinute, endMinute });
    });

    it.each([
      ["UTC", "UTC"],
      ["Asia/Kolkata", "Asia/Kolkata"],
      ["america/new_york", "America/New_York"],
    ])("Should accept the time zone %s as %s", (zone, canonical) => {
      expect(parsePeakHours(`Mon 09:00-17:00 ${zone}`).rules[0].timeZone).toBe(canonical);
    });

    it.each([
      ["Mon-Fry 08:00-20:00 Europe/London", '"Mon-Fry": unknown day "Fry"'],
      ["Monday 08:00-20:00 UTC", '"Monday": unknown day "Monday"'],
      ["Mon,,Fri 08:00-20:00 UTC", '"Mon,,Fri": a day is missing'],
      ["Mon- 08:00-20:00 UTC", '"Mon-": a day is missing'],
      ["Mon-Fri-Sat 08:00-20:00 UTC", '"Mon-Fri-Sat": "Mon-Fri-Sat" is not a day or a range of days'],
      ["Mon-Fri 08:00-20:00 Europe/Londn", 'time zone "Europe/Londn" is unknown'],
      ["Mon-Fri 08:00-20:00 Mars/Olympus_Mons", 'time zone "Mars/Olympus_Mons" is unknown'],
      [
        "Mon-Fri 20:00-08:00 UTC",
        '"20:00-08:00": the end must be after the start (for a night, write two rules: one ending 24:00, one starting 00:00)',
      ],
      [
        "Mon-Fri 09:00-09:00 UTC",
        '"09:00-09:00": the end must be after the start (for a night, write two rules: one ending 24:00, one starting 00:00)',
      ],
      ["Mon-Fri 8:00-20:00 UTC", '"8:00-20:00": "8:00" is not a time (write HH:MM, from 00:00 to 24:00)'],
      ["Mon-Fri 08:00-24:30 UTC", '"08:00-24:30": "24:30" is not a time (write HH:MM, from 00:00 to 24:00)'],
      ["Mon-Fri 08:60-20:00 UTC", '"08:60-20:00": "08:60" is not a time (write HH:MM, from 00:00 to 24:00)'],
      ["Mon-Fri 25:00-26:00 UTC", '"25:00-26:00": "25:00" is not a time (write HH:MM, from 00:00 to 24:00)'],
      ["Mon-Fri 08:00 UTC", '"08:00": expected a time range such as 08:00-20:00'],
      ["Mon-Fri 08:00-12:00-20:00 UTC", '"08:00-12:00-20:00": expected a time range such as 08:00-20:00'],
      [
        "Mon-Fri 08:00-20:00",
        '"Mon-Fri 08:00-20:00": expected days, times and a time zone separated by spaces, such as "Mon-Fri 08:00-20:00 Europe/London"',
      ],
      [
        "Mon-Fri 08:00 - 20:00 UTC",
        '"Mon-Fri 08:00 - 20:00 UTC": expected days, times and a time zone separated by spaces, such as "Mon-Fri 08:00-20:00 Europe/London"',
      ],
      [
        "Mon-Fri 08:00-20:00 UTC;; Sat 10:00-14:00 UTC",
        'rule 2 of 3 is empty (rules are separated by ";", e.g. "Mon-Fri 08:00-20:00 Europe/London; Sat 10:00-14:00 Europe/London")',
      ],
      [
        "Mon-Fri 08:00-20:00 UTC;",
        'rule 2 of 2 is empty (rules are separated by ";", e.g. "Mon-Fri 08:00-20:00 Europe/London; Sat 10:00-14:00 Europe/London")',
      ],
      ["Mon-Fri 08:00-20:00 UTC; Sat-Sum 10:00-14:00 UTC", '"Sat-Sum": unknown day "Sum"'],
      ["", 'peak hours are empty; write rules such as "Mon-Fri 08:00-20:00 Europe/London"'],
      ["  ", 'peak hours are empty; write rules such as "Mon-Fri 08:00-20:00 Europe/London"'],
    ])("Should reject %j saying what is wrong and where", (text, message) => {
      expect(parseError(text)).toBe(message);
    });

    it("Should keep messages on one line and show odd characters as escapes", () => {
      expect(parseError("Mon-Fri 08:00-20:00\r\nEurope/London\nSat")).toBe(
        '"Mon-Fri 08:00-20:00 Europe/London Sat": expected days, times and a time zone separated by spaces, such as "Mon-Fri 08:00-20:00 Europe/London"',
      );
      expect(parseError('M"on\u0000 08:00-20:00 UTC')).toBe('"M\\"on\\u0000": unknown day "M\\"on\\u0000"');
    });
  });

  describe("peakOverlap", () => {
    const rule = "Mon-Fri 08:00-20:00 Europe/London";

    it("Should find the stretch of a window that is in peak hours (winter: 08:00 London is 08:00 UTC)", () => {
      expect(overlap(london, "2026-11-24T07:00:00Z", "2026-11-24T09:30:00Z")).toEqual({
        start: "2026-11-24T08:00:00.000Z",
        end: "2026-11-24T09:30:00.000Z",
        rule,
      });
      expect(overlap(london, "2026-11-24T19:00:00Z", "2026-11-24T21:00:00Z")).toEqual({
        start: "2026-11-24T19:00:00.000Z",
        end: "2026-11-24T20:00:00.000Z",
        rule,
      });
    });

    it("Should use summer time (summer: 08:00 London is 07:00 UTC)", () => {
      expect(overlap(london, "2026-07-14T06:00:00Z", "2026-07-14T07:30:00Z")).toEqual({
        start: "2026-07-14T07:00:00.000Z",
        end: "2026-07-14T07:30:00.000Z",
        rule,
      });
      expect(overlap(london, "2026-07-14T19:00:00Z", "2026-07-14T21:00:00Z")).toBeNull();
    });

    it("Should give the whole window when it is inside peak hours", () => {
      expect(overlap(london, "2026-11-24T10:00:00Z", "2026-11-24T11:00:00Z")).toEqual({
        start: "2026-11-24T10:00:00.000Z",
        end: "2026-11-24T11:00:00.000Z",
        rule,
      });
    });

    it("Should not count a window ending exactly when peak hours start, or starting exactly when they end", () => {
      expect(overlap(london, "2026-11-24T06:00:00Z", "2026-11-24T08:00:00Z")).toBeNull();
      expect(overlap(london, "2026-11-24T20:00:00Z", "2026-11-24T22:00:00Z")).toBeNull();
      expect(overlap(london, "2026-11-24T06:00:00Z", "2026-11-24T08:01:00Z")?.end).toBe("2026-11-24T08:01:00.000Z");
      expect(overlap(london, "2026-11-24T19:59:00Z", "2026-11-24T22:00:00Z")?.start).toBe("2026-11-24T19:59:00.000Z");
    });

    it("Should give null for an empty or reversed window", () => {
      expect(overlap(london, "2026-11-24T10:00:00Z", "2026-11-24T10:00:00Z")).toBeNull();
      expect(overlap(london, "2026-11-24T11:00:00Z", "2026-11-24T10:00:00Z")).toBeNull();
    });

    it("Should refuse an invalid date", () => {
      expect(() => peakOverlap(london, new Date("nope"), at("2026-11-24T10:00:00Z"))).toThrow(
        new PeakHoursError("start is not a valid date"),
      );
    });

    it("Should take a window across midnight to the next morning's peak", () => {
      expect(overlap(london, "2026-11-23T21:00:00Z", "2026-11-24T09:00:00Z")).toEqual({
        start: "2026-11-24T08:00:00.000Z",
        end: "2026-11-24T09:00:00.000Z",
        rule,
      });
      expect(overlap(london, "2026-11-23T20:00:00Z", "2026-11-24T08:00:00Z")).toBeNull();
    });

    it("Should join peak stretches that meet at midnight into one", () => {
      expect(
        overlap("Mon 20:00-24:00 UTC; Tue 00:00-06:00 UTC", "2026-11-23T21:00:00Z", "2026-11-24T03:00:00Z"),
      ).toEqual({
        start: "2026-11-23T21:00:00.000Z",
        end: "2026-11-24T03:00:00.000Z",
        rule: "Mon 20:00-24:00 UTC; Tue 00:00-06:00 UTC",
      });
      expect(overlap("Mon-Sun 00:00-24:00 UTC", "2026-11-23T10:00:00Z", "2026-11-26T10:00:00Z")).toEqual({
        start: "2026-11-23T10:00:00.000Z",
        end: "2026-11-26T10:00:00.000Z",
        rule: "Mon-Sun 00:00-24:00 UTC",
      });
    });

    it("Should skip the weekend in a window across the week end", () => {
      // Fri 27 Nov 21:00 to Mon 30 Nov 07:00 is all off-peak; to 09:00 it reaches Monday's peak.
      expect(overlap(london, "2026-11-27T21:00:00Z", "2026-11-30T07:00:00Z")).toBeNull();
      expect(overlap(london, "2026-11-27T21:00:00Z", "2026-11-30T09:00:00Z")).toEqual({
        start: "2026-11-30T08:00:00.000Z",
        end: "2026-11-30T09:00:00.000Z",
        rule,
      });
      expect(
        overlap("Sun 22:00-24:00 UTC; Mon 00:00-01:00 UTC", "2026-11-29T23:00:00Z", "2026-11-30T03:00:00Z"),
      ).toEqual({
        start: "2026-11-29T23:00:00.000Z",
        end: "2026-11-30T01:00:00.000Z",
        rule: "Sun 22:00-24:00 UTC; Mon 00:00-01:00 UTC",
      });
    });

    it("Should follow a day range that wraps over the week end (Fri-Mon)", () => {
      const wraps = parsePeakHours("Fri-Mon 09:00-17:00 UTC");
      // Tue 24 to Thu 26 Nov: no peak.
      expect(overlap(wraps, "2026-11-24T00:00:00Z", "2026-11-27T00:00:00Z")).toBeNull();
      expect(overlap(wraps, "2026-11-26T20:00:00Z", "2026-11-27T10:00:00Z")?.start).toBe("2026-11-27T09:00:00.000Z");
      expect(overlap(wraps, "2026-11-28T20:00:00Z", "2026-11-29T10:00:00Z")?.start).toBe("2026-11-29T09:00:00.000Z");
      expect(overlap(wraps, "2026-11-29T18:00:00Z", "2026-11-30T10:00:00Z")).toEqual({
        start: "2026-11-30T09:00:00.000Z",
        end: "2026-11-30T10:00:00.000Z",
        rule: "Fri-Mon 09:00-17:00 UTC",
      });
    });

    it("Should give the first stretch among several rules, naming its rule", () => {
      const peak = parsePeakHours("Mon-Fri 08:00-20:00 Europe/London; Sat 10:00-14:00 Europe/London");
      expect(overlap(peak, "2026-11-27T19:00:00Z", "2026-11-28T12:00:00Z")).toEqual({
        start: "2026-11-27T19:00:00.000Z",
        end: "2026-11-27T20:00:00.000Z",
        rule,
      });
      expect(overlap(peak, "2026-11-27T20:00:00Z", "2026-11-28T12:00:00Z")).toEqual({
        start: "2026-11-28T10:00:00.000Z",
        end: "2026-11-28T12:00:00.000Z",
        rule: "Sat 10:00-14:00 Europe/London",
      });
      expect(overlap(peak, "2026-11-28T14:00:00Z", "2026-11-30T08:00:00Z")).toBeNull();
    });

    it("Should mix zones, and say which zone the stretch's rule uses", () => {
      const peak = parsePeakHours("Mon-Fri 09:00-17:00 America/New_York; Mon-Fri 09:00-17:00 Asia/Tokyo");
      // Tue 24 Nov: Tokyo's 09:00 is 00:00 UTC, New York's is 14:00 UTC.
      const found = peakOverlap(peak, at("2026-11-23T22:00:00Z"), at("2026-11-24T15:00:00Z"));
      expect(found).toEqual({
        start: at("2026-11-24T00:00:00Z"),
        end: at("2026-11-24T08:00:00Z"),
        rule: "Mon-Fri 09:00-17:00 Asia/Tokyo",
        timeZone: "Asia/Tokyo",
      });
      expect(peakOverlap(peak, at("2026-11-24T08:00:00Z"), at("2026-11-24T15:00:00Z"))).toEqual({
        start: at("2026-11-24T14:00:00Z"),
        end: at("2026-11-24T15:00:00Z"),
        rule: "Mon-Fri 09:00-17:00 America/New_York",
        timeZone: "America/New_York",
      });
    });

    describe("Europe/London summer time, 2026", () => {
      const everyDay = parsePeakHours("Mon-Sun 08:00-20:00 Europe/London");
      const day = (date: string) => overlap(everyDay, `${date}T00:00:00Z`, `${date}T23:59:00Z`);

      it("Should move 08:00 from 08:00 UTC to 07:00 UTC on 29 March", () => {
        expect(day("2026-03-28")).toMatchObject({ start: "2026-03-28T08:00:00.000Z", end: "2026-03-28T20:00:00.000Z" });
        expect(day("2026-03-29")).toMatchObject({ start: "2026-03-29T07:00:00.000Z", end: "2026-03-29T19:00:00.000Z" });
        expect(day("2026-03-30")).toMatchObject({ start: "2026-03-30T07:00:00.000Z", end: "2026-03-30T19:00:00.000Z" });
      });

      it("Should move a time that does not exist on 29 March forward to 02:00 BST", () => {
        // 01:00-02:00 GMT is skipped: 01:30 becomes 02:00 BST (01:00 UTC).
        expect(overlap("Sun 01:30-03:00 Europe/London", "2026-03-29T00:00:00Z", "2026-03-29T06:00:00Z")).toMatchObject({
          start: "2026-03-29T01:00:00.000Z",
          end: "2026-03-29T02:00:00.000Z",
        });
        // Wholly inside the gap: no wall-clock time in 01:15-01:45 happens that day.
        expect(overlap("Sun 01:15-01:45 Europe/London", "2026-03-29T00:00:00Z", "2026-03-29T06:00:00Z")).toBeNull();
        expect(overlap("Sun 00:00-02:00 Europe/London", "2026-03-29T00:00:00Z", "2026-03-29T06:00:00Z")).toMatchObject({
          start: "2026-03-29T00:00:00.000Z",
          end: "2026-03-29T01:00:00.000Z",
        });
      });

      it("Should move 08:00 back to 08:00 UTC on 25 October", () => {
        expect(day("2026-10-24")).toMatchObject({ start: "2026-10-24T07:00:00.000Z", end: "2026-10-24T19:00:00.000Z" });
        expect(day("2026-10-25")).toMatchObject({ start: "2026-10-25T08:00:00.000Z", end: "2026-10-25T20:00:00.000Z" });
      });

      it("Should count the first 01:xx on 25 October, when it happens twice", () => {
        // 01:00-02:00 BST (00:00-01:00 UTC) comes first; then 01:00-02:00 GMT (01:00-02:00 UTC).
        expect(overlap("Sun 01:00-01:30 Europe/London", "2026-10-24T22:00:00Z", "2026-10-25T06:00:00Z")).toMatchObject({
          start: "2026-10-25T00:00:00.000Z",
          end: "2026-10-25T00:30:00.000Z",
        });
        expect(overlap("Sun 01:00-01:30 Europe/London", "2026-10-25T00:30:00Z", "2026-10-25T06:00:00Z")).toBeNull();
        // A range around the change holds both: 00:00 BST to 02:00 GMT is three hours.
        expect(overlap("Sun 00:00-02:00 Europe/London", "2026-10-24T22:00:00Z", "2026-10-25T06:00:00Z")).toMatchObject({
          start: "2026-10-24T23:00:00.000Z",
          end: "2026-10-25T02:00:00.000Z",
        });
      });
    });

    describe("America/New_York daylight saving time, 2026", () => {
      const everyDay = parsePeakHours("Mon-Sun 08:00-20:00 America/New_York");
      const day = (date: string) => overlap(everyDay, `${date}T05:00:00Z`, `${date}T23:59:00Z`);

      it("Should move 08:00 from 13:00 UTC to 12:00 UTC on 8 March", () => {
        expect(day("2026-03-07")).toMatchObject({ start: "2026-03-07T13:00:00.000Z" });
        expect(day("2026-03-08")).toMatchObject({ start: "2026-03-08T12:00:00.000Z" });
        // 20:00 EDT is midnight UTC.
        expect(overlap(everyDay, "2026-03-08T12:00:00Z", "2026-03-09T06:00:00Z")?.end).toBe("2026-03-09T00:00:00.000Z");
      });

      it("Should move a time that does not exist on 8 March forward to 03:00 EDT", () => {
        // 02:00-03:00 EST is skipped: 02:30-03:30 covers 03:00-03:30 EDT (07:00-07:30 UTC).
        expect(
          overlap("Sun 02:30-03:30 America/New_York", "2026-03-08T00:00:00Z", "2026-03-08T12:00:00Z"),
        ).toMatchObject({ start: "2026-03-08T07:00:00.000Z", end: "2026-03-08T07:30:00.000Z" });
        expect(
          overlap("Sun 01:00-01:30 America/New_York", "2026-03-08T00:00:00Z", "2026-03-08T12:00:00Z"),
        ).toMatchObject({ start: "2026-03-08T06:00:00.000Z", end: "2026-03-08T06:30:00.000Z" });
      });

      it("Should move 08:00 back to 13:00 UTC on 1 November", () => {
        expect(day("2026-10-31")).toMatchObject({ start: "2026-10-31T12:00:00.000Z" });
        expect(day("2026-11-01")).toMatchObject({ start: "2026-11-01T13:00:00.000Z" });
      });

      it("Should count the first 01:xx on 1 November, when it happens twice", () => {
        // 01:00 EDT is 05:00 UTC; 01:00 EST (06:00 UTC) is the second.
        expect(
          overlap("Sun 01:00-01:30 America/New_York", "2026-11-01T00:00:00Z", "2026-11-01T12:00:00Z"),
        ).toMatchObject({ start: "2026-11-01T05:00:00.000Z", end: "2026-11-01T05:30:00.000Z" });
        expect(
          overlap("Sun 00:00-02:00 America/New_York", "2026-11-01T00:00:00Z", "2026-11-01T12:00:00Z"),
        ).toMatchObject({ start: "2026-11-01T04:00:00.000Z", end: "2026-11-01T07:00:00.000Z" });
      });
    });
  });

  describe("nearestOffPeakSlot", () => {
    it("Should move later when the later slot is nearer", () => {
      // Tue 24 Nov 19:00-21:00 UTC: peak ends at 20:00 (one hour later); it began at 08:00 (eleven earlier).
      expect(slot(london, "2026-11-24T19:00:00Z", "2026-11-24T21:00:00Z")).toEqual({
        start: "2026-11-24T20:00:00.000Z",
        end: "2026-11-24T22:00:00.000Z",
      });
    });

    it("Should move earlier when the earlier slot is nearer", () => {
      expect(slot(london, "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z")).toEqual({
        start: "2026-11-24T07:00:00.000Z",
        end: "2026-11-24T08:00:00.000Z",
      });
    });

    it("Should never start before notBefore", () => {
      expect(slot(london, "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", "2026-11-24T08:30:00Z")).toEqual({
        start: "2026-11-24T20:00:00.000Z",
        end: "2026-11-24T21:00:00.000Z",
      });
      // Between quarter hours: the first quarter hour after it.
      expect(slot(london, "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", "2026-11-24T20:07:00Z")).toEqual({
        start: "2026-11-24T20:15:00.000Z",
        end: "2026-11-24T21:15:00.000Z",
      });
      // Exactly at notBefore is allowed.
      expect(slot(london, "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", "2026-11-24T07:00:00Z")).toEqual({
        start: "2026-11-24T07:00:00.000Z",
        end: "2026-11-24T08:00:00.000Z",
      });
    });

    it("Should start on a quarter hour", () => {
      expect(slot("Mon-Fri 08:00-20:10 UTC", "2026-11-24T19:00:00Z", "2026-11-24T20:00:00Z")).toEqual({
        start: "2026-11-24T20:15:00.000Z",
        end: "2026-11-24T21:15:00.000Z",
      });
      expect(slot("Mon-Fri 08:10-20:00 UTC", "2026-11-24T08:30:00Z", "2026-11-24T09:00:00Z")).toEqual({
        start: "2026-11-24T07:30:00.000Z",
        end: "2026-11-24T08:00:00.000Z",
      });
    });

    it("Should keep the requested start when it is off-peak and on a quarter hour", () => {
      expect(slot(london, "2026-11-24T21:00:00Z", "2026-11-24T23:00:00Z")).toEqual({
        start: "2026-11-24T21:00:00.000Z",
        end: "2026-11-24T23:00:00.000Z",
      });
    });

    it("Should take the later slot on a tie", () => {
      // 10:30 is 90 minutes from both 09:00 (ending at 10:00) and 12:00.
      expect(slot("Mon-Sun 10:00-12:00 UTC", "2026-11-24T10:30:00Z", "2026-11-24T11:30:00Z")).toEqual({
        start: "2026-11-24T12:00:00.000Z",
        end: "2026-11-24T13:00:00.000Z",
      });
    });

    it("Should pass over gaps too short for the window, to the weekend", () => {
      // 14 hours never fit between 20:00 and 08:00; Fri 27 Nov 20:00 is 58 hours away, Sun 22 Nov 18:00 is 64.
      expect(slot(london, "2026-11-25T10:00:00Z", "2026-11-26T00:00:00Z")).toEqual({
        start: "2026-11-27T20:00:00.000Z",
        end: "2026-11-28T10:00:00.000Z",
      });
    });

    it("Should avoid Saturday's separate rule", () => {
      const peak = parsePeakHours("Mon-Fri 08:00-20:00 Europe/London; Sat 10:00-14:00 Europe/London");
      expect(slot(peak, "2026-11-28T11:00:00Z", "2026-11-28T12:00:00Z")).toEqual({
        start: "2026-11-28T09:00:00.000Z",
        end: "2026-11-28T10:00:00.000Z",
      });
    });

    it("Should use summer time", () => {
      // 19:30-20:30 BST: peak ends at 20:00 BST (19:00 UTC).
      expect(slot(london, "2026-07-14T18:30:00Z", "2026-07-14T19:30:00Z")).toEqual({
        start: "2026-07-14T19:00:00.000Z",
        end: "2026-07-14T20:00:00.000Z",
      });
    });

    it("Should throw when peak hours cover the whole week", () => {
      expect(() =>
        slot("Mon-Sun 00:00-24:00 UTC", "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", "2026-11-24T08:00:00Z"),
      ).toThrow(
        new PeakHoursError(
          "no off-peak window of 1 hour starts within 14 days of 2026-11-24T09:00:00.000Z and not before 2026-11-24T08:00:00.000Z (peak hours: Mon-Sun 00:00-24:00 UTC)",
        ),
      );
    });

    it("Should throw when the window is longer than every off-peak gap", () => {
      expect(() => slot("Mon-Sun 08:00-20:00 UTC", "2026-11-24T09:00:00Z", "2026-11-24T22:30:00Z")).toThrow(
        new PeakHoursError(
          "no off-peak window of 13 hours 30 minutes starts within 14 days of 2026-11-24T09:00:00.000Z (peak hours: Mon-Sun 08:00-20:00 UTC)",
        ),
      );
    });

    it("Should look no further than 14 days ahead", () => {
      const requested = at("2026-11-24T09:00:00Z").getTime();
      const tooLate = new Date(requested + offPeakSearchMs + 60_000).toISOString();
      expect(() => slot(london, "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", tooLate)).toThrow(PeakHoursError);
      const justInTime = new Date(requested + offPeakSearchMs).toISOString();
      // Tue 8 Dec 09:00 is peak; the nearest slot starting at or after it is 20:00.
      expect(() => slot(london, "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", justInTime)).toThrow(PeakHoursError);
      expect(slot(london, "2026-11-24T20:00:00Z", "2026-11-24T21:00:00Z", "2026-12-08T20:00:00Z")).toEqual({
        start: "2026-12-08T20:00:00.000Z",
        end: "2026-12-08T21:00:00.000Z",
      });
    });

    it("Should refuse a window that does not end after it starts", () => {
      expect(() => slot(london, "2026-11-24T10:00:00Z", "2026-11-24T10:00:00Z")).toThrow(
        new PeakHoursError("the window must end after it starts"),
      );
    });
  });

  describe("describePeakWindow", () => {
    const window = (start: string, end: string) => ({ start: at(start), end: at(end) });

    it.each([
      ["2026-11-24T08:00:00Z", "2026-11-24T09:30:00Z", "Europe/London", "Tue 24 Nov 08:00-09:30 Europe/London (GMT)"],
      ["2026-07-14T07:00:00Z", "2026-07-14T08:30:00Z", "Europe/London", "Tue 14 Jul 08:00-09:30 Europe/London (BST)"],
      ["2026-11-23T20:00:00Z", "2026-11-24T00:00:00Z", "Europe/London", "Mon 23 Nov 20:00-24:00 Europe/London (GMT)"],
      [
        "2026-11-23T20:00:00Z",
        "2026-11-24T08:00:00Z",
        "Europe/London",
        "Mon 23 Nov 20:00 - Tue 24 Nov 08:00 Europe/London (GMT)",
      ],
      [
        "2026-10-24T23:00:00Z",
        "2026-10-25T02:00:00Z",
        "Europe/London",
        "Sun 25 Oct 00:00-02:00 Europe/London (BST to GMT)",
      ],
      [
        "2026-11-24T14:00:00Z",
        "2026-11-24T15:00:00Z",
        "America/New_York",
        "Tue 24 Nov 09:00-10:00 America/New_York (GMT-5)",
      ],
      ["2026-11-24T08:00:00Z", "2026-11-24T09:30:00Z", "UTC", "Tue 24 Nov 08:00-09:30 UTC"],
    ])("Should describe %s to %s in %s", (start, end, zone, words) => {
      expect(describePeakWindow(window(start, end), zone)).toBe(words);
    });

    it("Should describe what peakOverlap finds, in the rule's zone", () => {
      const found = peakOverlap(london, at("2026-11-24T07:00:00Z"), at("2026-11-24T09:30:00Z"));
      expect(found && describePeakWindow(found, found.timeZone)).toBe("Tue 24 Nov 08:00-09:30 Europe/London (GMT)");
    });
  });
});
