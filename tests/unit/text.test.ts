import { describe, expect, it } from "vitest";
import { openStatuses } from "../../src/domain/incidents.ts";
import { lateGraceMs } from "../../src/domain/promises.ts";
import { etaMissedText, holdingText, promiseText } from "../../src/render/text.ts";
import { hours, minutes } from "../support/time.ts";

const t = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00Z`);

/** Words that would claim progress a holding update cannot know about. */
const progressClaims = /fixed|progress|resolved|improv|recover|restored|better|good news/i;

const holding = (overrides: Partial<Parameters<typeof holdingText>[0]> = {}) =>
  holdingText({
    status: "investigating",
    eta: null,
    nextUpdateDueAt: t("13:00"),
    now: t("12:30"),
    lateByMs: 0,
    variant: 0,
    timeZone: "UTC",
    ...overrides,
  });

describe("honesty texts", () => {
  describe("holdingText", () => {
    const variants = [0, 1, 2, 3];
    const etas = [null, t("14:30")];
    const lates = [0, minutes(30), hours(2)];
    const grid = openStatuses.flatMap((status) =>
      variants.flatMap((variant) =>
        etas.flatMap((eta) => lates.map((lateByMs) => ({ status, variant, eta, lateByMs }))),
      ),
    );

    it.each(grid)(
      "Should claim no progress ($status, variant $variant, eta $eta, late $lateByMs ms)",
      ({ status, variant, eta, lateByMs }) => {
        expect(holding({ status, variant, eta, lateByMs })).not.toMatch(progressClaims);
      },
    );

    it.each([
      ["investigating", "investigating the cause"],
      ["identified", "working on a fix for the cause we found"],
      ["monitoring", "monitoring the fix to make sure it holds"],
    ] as const)("Should restate the status (%s) in every variant", (status, phrase) => {
      for (const variant of variants) expect(holding({ status, variant })).toContain(phrase);
    });

    it.each(variants)("Should restate the ETA when there is one (variant %i)", (variant) => {
      const text = holding({ variant, eta: t("14:30") });
      expect(text).toContain("We still expect service back by 14:30 UTC.");
      expect(text).not.toContain("We don't have an estimate");
    });

    it.each(variants)("Should say honestly that there is no estimate (variant %i)", (variant) => {
      const text = holding({ variant, eta: null });
      expect(text).toContain("We don't have an estimate for a fix yet.");
      expect(text).not.toContain("expect service back");
    });

    it.each(variants)("Should end with the next promise and the time it was written (variant %i)", (variant) => {
      expect(holding({ variant, now: t("12:31"), nextUpdateDueAt: t("13:01") })).toMatch(
        /Next update by 13:01 UTC\. \(As of 12:31 UTC\.\)$/,
      );
    });

    it.each([
      { lateByMs: 0, late: null },
      { lateByMs: 1, late: null },
      { lateByMs: minutes(0.5), late: null },
      { lateByMs: lateGraceMs, late: null },
      { lateByMs: lateGraceMs + 1000, late: "1 minute" },
      { lateByMs: minutes(5), late: "5 minutes" },
      { lateByMs: hours(2), late: "2 hours" },
      { lateByMs: hours(2) + minutes(20), late: "2 hours 20 minutes" },
    ])("Should admit lateness only beyond the grace period (late by $lateByMs ms)", ({ lateByMs, late }) => {
      for (const variant of variants) {
        const text = holding({ variant, lateByMs });
        if (late === null) {
          expect(text).not.toContain("later than we promised");
          expect(text).not.toMatch(/sorry/i);
        } else {
          expect(text).toContain(`This update is ${late} later than we promised; we're sorry.`);
        }
      }
    });

    it("Should word the four variants differently", () => {
      const texts = variants.map((variant) => holding({ variant }));
      expect(new Set(texts).size).toBe(4);
      // The variant wraps around: the fifth holding update is worded like the first.
      expect(holding({ variant: 4 })).toBe(holding({ variant: 0 }));
    });

    it.each([
      { name: "every 30 minutes", intervalMs: minutes(30) },
      { name: "every minute", intervalMs: minutes(1) },
      { name: "every 2 hours", intervalMs: hours(2) },
      { name: "every 24 hours", intervalMs: hours(24) },
    ])("Should never repeat itself in consecutive holding updates ($name)", ({ intervalMs }) => {
      let previous = "";
      for (let n = 0; n < 100; n++) {
        const now = new Date(t("12:30").getTime() + n * intervalMs);
        const text = holding({ variant: n, now, nextUpdateDueAt: new Date(now.getTime() + intervalMs) });
        expect(text).not.toBe(previous);
        previous = text;
      }
    });

    it("Should differ even when two updates land in the same variant at different times", () => {
      expect(holding({ variant: 0, now: t("12:30") })).not.toBe(holding({ variant: 4, now: t("14:30") }));
    });

    it("Should write times in the page's time zone", () => {
      const text = holding({
        eta: t("14:30"),
        now: t("12:30"),
        nextUpdateDueAt: t("13:00"),
        timeZone: "America/New_York",
      });
      // The zone's short name is ICU's ("EST" or "GMT-5"); the hours are what matter.
      expect(text).toMatch(/We still expect service back by 09:30 \S+\./);
      expect(text).toMatch(/Next update by 08:00 \S+\. \(As of 07:30 \S+\.\)$/);
      expect(text).not.toContain("UTC");
    });

    it("Should be plain text, with no HTML entities", () => {
      expect(holding({ eta: null })).not.toMatch(/&#x27;|&amp;|&quot;/);
    });
  });

  describe("etaMissedText", () => {
    const missed = (lateByMs: number, timeZone = "UTC") =>
      etaMissedText({ missedEta: t("12:10"), nextUpdateDueAt: t("12:40"), lateByMs, timeZone });

    it("Should say the ETA passed, apologise and give the next promise", () => {
      const text = missed(0);
      expect(text).toContain("Our estimate of 12:10 UTC has passed and service is not fully back yet.");
      expect(text).toContain("We're sorry it is taking longer than we said.");
      expect(text).toMatch(/We don't have a new estimate yet; next update by 12:40 UTC\.$/);
      expect(text).not.toMatch(progressClaims);
    });

    it.each([
      { lateByMs: 0, late: null },
      { lateByMs: lateGraceMs, late: null },
      { lateByMs: minutes(2), late: "2 minutes" },
      { lateByMs: hours(2) + minutes(20), late: "2 hours 20 minutes" },
    ])("Should admit posting late only beyond the grace period ($lateByMs ms)", ({ lateByMs, late }) => {
      const text = missed(lateByMs);
      if (late === null) expect(text).not.toContain("late.)");
      else expect(text).toContain(`(We are posting this ${late} late.)`);
      expect(text).toMatch(/We don't have a new estimate yet; next update by 12:40 UTC\.$/);
    });

    it("Should write times in the page's time zone", () => {
      expect(missed(0, "Europe/Berlin")).toContain("Our estimate of 13:10 CET has passed");
      expect(missed(0, "Europe/Berlin")).toContain("next update by 13:40 CET.");
    });
  });

  describe("promiseText", () => {
    const open = (facts: { eta: Date | null; previousEta: Date | null; etaChanged: boolean }) =>
      promiseText({ resolved: false, nextUpdateDueAt: t("13:00"), ...facts }, "UTC");

    it.each([
      {
        name: "no ETA",
        facts: { eta: null, previousEta: null, etaChanged: false },
        expected: "Next update by 13:00 UTC.",
      },
      {
        name: "a first ETA",
        facts: { eta: t("14:00"), previousEta: null, etaChanged: true },
        expected: "We expect service back by 14:00 UTC. Next update by 13:00 UTC.",
      },
      {
        name: "an unchanged ETA",
        facts: { eta: t("14:00"), previousEta: t("14:00"), etaChanged: false },
        expected: "We expect service back by 14:00 UTC. Next update by 13:00 UTC.",
      },
      {
        name: "a later ETA",
        facts: { eta: t("15:00"), previousEta: t("14:00"), etaChanged: true },
        expected:
          "We now expect service back by 15:00 UTC, later than our previous estimate of 14:00 UTC. Next update by 13:00 UTC.",
      },
      {
        name: "an earlier ETA",
        facts: { eta: t("13:30"), previousEta: t("14:00"), etaChanged: true },
        expected:
          "We now expect service back by 13:30 UTC, earlier than our previous estimate of 14:00 UTC. Next update by 13:00 UTC.",
      },
      {
        name: "a withdrawn ETA",
        facts: { eta: null, previousEta: t("14:00"), etaChanged: true },
        expected:
          "We no longer have an estimate for a fix (our previous estimate was 14:00 UTC). Next update by 13:00 UTC.",
      },
    ])("Should give the promise for $name", ({ facts, expected }) => {
      expect(open(facts)).toBe(expected);
    });

    it("Should never call a later ETA earlier, whatever the gap", () => {
      for (const deltaMin of [1, 5, 60, 60 * 24]) {
        const later = open({
          eta: new Date(t("14:00").getTime() + minutes(deltaMin)),
          previousEta: t("14:00"),
          etaChanged: true,
        });
        const earlier = open({
          eta: new Date(t("14:00").getTime() - minutes(deltaMin)),
          previousEta: t("14:00"),
          etaChanged: true,
        });
        expect(later).toContain("later than our previous estimate of 14:00 UTC");
        expect(later).not.toContain("earlier");
        expect(earlier).toContain("earlier than our previous estimate of 14:00 UTC");
        expect(earlier).not.toContain("later than");
      }
    });

    it.each([
      {
        name: "on time",
        durationMs: minutes(85),
        missedEta: null,
        missedByMs: null,
        expected: "Resolved after 1 hour 25 minutes.",
      },
      {
        name: "quickly",
        durationMs: minutes(3),
        missedEta: null,
        missedByMs: null,
        expected: "Resolved after 3 minutes.",
      },
      {
        name: "after a missed ETA",
        durationMs: minutes(85),
        missedEta: t("13:00"),
        missedByMs: minutes(25),
        expected: "Resolved after 1 hour 25 minutes. We missed our estimate of 13:00 UTC by 25 minutes; we're sorry.",
      },
      {
        name: "after a long overrun",
        durationMs: hours(26),
        missedEta: t("13:00"),
        missedByMs: hours(25) + minutes(1),
        expected:
          "Resolved after 1 day 2 hours. We missed our estimate of 13:00 UTC by 1 day 1 hour 1 minute; we're sorry.",
      },
    ])("Should sum up a resolution $name", ({ durationMs, missedEta, missedByMs, expected }) => {
      expect(promiseText({ resolved: true, durationMs, missedEta, missedByMs }, "UTC")).toBe(expected);
    });

    it("Should promise no next update once resolved", () => {
      const text = promiseText({ resolved: true, durationMs: minutes(10), missedEta: null, missedByMs: null }, "UTC");
      expect(text).not.toContain("Next update");
      expect(text).not.toContain("expect service back");
    });
  });
});
