import { describe, expect, it } from "vitest";
import { peakHoursConflict, statusLabel, windowProblems } from "../../src/domain/maintenance.ts";
import { parsePeakHours } from "../../src/domain/peak-hours/index.ts";
import { maintenanceText } from "../../src/render/text.ts";
import { describeWindow } from "../../src/render/window.ts";

const now = new Date("2026-11-23T12:00:00Z");
const at = (iso: string) => new Date(iso);
const fields = (p: { field: string }[]) => p.map((x) => x.field);

describe("maintenance windows", () => {
  it("Should accept a window starting at least a minute ahead and ending after it", () => {
    expect(windowProblems(at("2026-11-23T12:01:00Z"), at("2026-11-23T12:02:00Z"), now)).toEqual([]);
  });

  it("Should name the field that breaks a rule", () => {
    expect(fields(windowProblems(at("2026-11-23T12:00:30Z"), at("2026-11-23T13:00:00Z"), now))).toEqual(["starts_at"]);
    expect(fields(windowProblems(at("2027-12-01T00:00:00Z"), at("2027-12-01T01:00:00Z"), now))).toEqual(["starts_at"]);
    expect(fields(windowProblems(at("2026-11-24T10:00:00Z"), at("2026-11-24T10:00:00Z"), now))).toEqual(["ends_at"]);
    expect(fields(windowProblems(at("2026-11-24T10:00:00Z"), at("2026-11-24T10:00:30Z"), now))).toEqual(["ends_at"]);
    expect(fields(windowProblems(at("2026-11-24T10:00:00Z"), at("2026-12-09T10:00:00Z"), now))).toEqual(["ends_at"]);
  });

  it("Should, once started, let only the end move, and only into the future", () => {
    const started = at("2026-11-23T11:00:00Z");
    expect(windowProblems(started, at("2026-11-23T13:00:00Z"), now, true)).toEqual([]);
    expect(fields(windowProblems(started, at("2026-11-23T11:30:00Z"), now, true))).toEqual(["ends_at"]);
  });

  it("Should describe a window with the end's date only when it is another day", () => {
    expect(describeWindow(at("2026-12-02T02:00:00Z"), at("2026-12-02T04:00:00Z"), "UTC")).toBe(
      "2 Dec 2026, 02:00–04:00 UTC",
    );
    expect(describeWindow(at("2026-12-02T22:00:00Z"), at("2026-12-03T01:00:00Z"), "UTC")).toBe(
      "2 Dec 2026, 22:00 UTC – 3 Dec 2026, 01:00 UTC",
    );
    // The page's zone decides the day: 23:30 UTC is already the 3rd in Tokyo.
    expect(describeWindow(at("2026-12-02T23:30:00Z"), at("2026-12-03T00:30:00Z"), "Asia/Tokyo")).toBe(
      "3 Dec 2026, 08:30–09:30 GMT+9",
    );
  });

  it("Should name both zones when summer time starts inside the window", () => {
    // London, Sun 28 Mar 2027: 00:30 GMT to 02:30 BST.
    expect(describeWindow(at("2027-03-28T00:30:00Z"), at("2027-03-28T01:30:00Z"), "Europe/London")).toBe(
      "28 Mar 2027, 00:30 GMT – 28 Mar 2027, 02:30 BST",
    );
  });

  it("Should word every status of incidents and maintenance", () => {
    expect(statusLabel("in_progress")).toBe("Maintenance in progress");
    expect(statusLabel("investigating")).toBe("Investigating");
    expect(statusLabel("something")).toBe("something");
  });
});

describe("peak-hours conflicts", () => {
  const peak = parsePeakHours("Mon-Fri 08:00-20:00 Europe/London");

  it("Should find no conflict off-peak or without peak hours", () => {
    expect(peakHoursConflict(peak, at("2026-11-24T20:00:00Z"), at("2026-11-24T22:00:00Z"), now)).toBeNull();
    expect(peakHoursConflict(null, at("2026-11-24T09:00:00Z"), at("2026-11-24T10:00:00Z"), now)).toBeNull();
  });

  it("Should be a 409 naming the overlap and suggesting the nearest off-peak window", () => {
    const err = peakHoursConflict(peak, at("2026-11-24T19:00:00Z"), at("2026-11-24T21:00:00Z"), now);
    expect(err?.status).toBe(409);
    expect(err?.message).toContain("during Tue 24 Nov 19:00-20:00 Europe/London (GMT)");
    expect(err?.extra?.suggested_window).toEqual({
      starts_at: "2026-11-24T20:00:00.000Z",
      ends_at: "2026-11-24T22:00:00.000Z",
    });
  });

  it("Should, in summer time, read the rule in British Summer Time", () => {
    // Mon 29 Mar 2027: clocks went forward on the 28th; 07:30 UTC is 08:30 BST, in peak.
    const err = peakHoursConflict(peak, at("2027-03-29T07:30:00Z"), at("2027-03-29T08:00:00Z"), now);
    expect(err?.message).toContain("Mon 29 Mar 08:30-09:00 Europe/London (BST)");
    expect(err?.extra?.suggested_window).toEqual({
      starts_at: "2027-03-29T06:30:00.000Z",
      ends_at: "2027-03-29T07:00:00.000Z",
    });
    // The same UTC time a week earlier (GMT) is 07:30 local: off-peak.
    expect(peakHoursConflict(peak, at("2027-03-22T07:30:00Z"), at("2027-03-22T08:00:00Z"), now)).toBeNull();
  });

  it("Should say so when no off-peak window of that length exists", () => {
    const always = parsePeakHours("Mon-Sun 00:00-24:00 UTC");
    const err = peakHoursConflict(always, at("2026-11-24T09:00:00Z"), at("2026-11-24T10:00:00Z"), now);
    expect(err?.message).toContain("No off-peak window of the same length starts within 14 days.");
    expect(err?.extra?.suggested_window).toBeNull();
  });
});

describe("maintenance wording", () => {
  const tz = "Europe/London";
  it("Should word each moment of a maintenance", () => {
    expect(maintenanceText({ what: "started", lateByMs: 0 }, tz)).toBe("The scheduled maintenance has started.");
    expect(maintenanceText({ what: "started", lateByMs: 300_000 }, tz)).toBe(
      "The scheduled maintenance has started. (We are posting this 5 minutes late.)",
    );
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-11-23T16:00:00Z"), previousEndsAt: at("2026-11-23T17:00:00Z") },
        tz,
      ),
    ).toBe(
      "We now expect to finish by 16:00 GMT, earlier than the 17:00 GMT we gave before. We will post here when the work is done.",
    );
    expect(maintenanceText({ what: "completed", durationMs: 5_400_000, plannedEnd: null, overrunByMs: null }, tz)).toBe(
      "Completed after 1 hour 30 minutes.",
    );
    expect(maintenanceText({ what: "reminder", startsAt: at("2026-06-02T01:00:00Z"), leadMs: 86_400_000 }, tz)).toBe(
      "Reminder: this maintenance starts at 2 Jun 2026, 02:00 BST, in 1 day.",
    );
    expect(maintenanceText({ what: "next", nextUpdateDueAt: at("2026-11-23T16:30:00Z") }, tz)).toBe(
      "We don't have a new finish time yet; next update by 16:30 GMT.",
    );
  });
});
