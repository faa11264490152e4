/**
 * The wording suite: every message the text and tweet templates produce, for
 * fixed inputs in fixed time zones (UTC, New York and London, across their
 * summer-time changes), byte for byte. The expected strings were captured from
 * the templates before they were split one per message kind; a change here is a
 * change customers read, so make it on purpose.
 */
import { describe, expect, it } from "vitest";
import { etaMissedText, holdingText, maintenanceText, promiseText } from "../../src/render/text.ts";
import { composeTweet, type TweetFacts } from "../../src/render/tweet.ts";

const at = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60_000;
const hours = (n: number) => n * 3_600_000;

/** A holding update at 12:30 UTC promising the next by 13:00, on time, unless overridden. */
const holding = (overrides: Partial<Parameters<typeof holdingText>[0]>) =>
  holdingText({
    status: "investigating",
    eta: null,
    nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
    now: at("2026-11-23T12:30:00Z"),
    lateByMs: 0,
    variant: 0,
    timeZone: "UTC",
    ...overrides,
  });

/** The 14:30 UTC estimate passed, next update by 15:00, posted on time, unless overridden. */
const etaMissed = (overrides: Partial<Parameters<typeof etaMissedText>[0]>) =>
  etaMissedText({
    missedEta: at("2026-11-23T14:30:00Z"),
    nextUpdateDueAt: at("2026-11-23T15:00:00Z"),
    lateByMs: 0,
    timeZone: "UTC",
    ...overrides,
  });

/** The first post of an incident's thread, unless overridden. */
const tweet = (overrides: Partial<TweetFacts>) =>
  composeTweet({
    first: true,
    title: "API errors",
    status: "investigating",
    message: "We see errors.",
    promise: "Next update by 14:30 UTC.",
    url: "https://status.example.com/incidents/inc_0123456789abcdef",
    ...overrides,
  });

describe("promiseText", () => {
  it("ETA set (UTC)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-11-23T14:30:00Z"),
          previousEta: null,
          etaChanged: true,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "UTC",
      ),
    ).toBe("We expect service back by 14:30 UTC. Next update by 13:00 UTC.");
  });

  it("ETA kept from before, unchanged (UTC)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-11-23T14:30:00Z"),
          previousEta: at("2026-11-23T14:30:00Z"),
          etaChanged: false,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "UTC",
      ),
    ).toBe("We expect service back by 14:30 UTC. Next update by 13:00 UTC.");
  });

  it("ETA revised earlier (UTC)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-11-23T14:00:00Z"),
          previousEta: at("2026-11-23T15:00:00Z"),
          etaChanged: true,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "UTC",
      ),
    ).toBe(
      "We now expect service back by 14:00 UTC, earlier than our previous estimate of 15:00 UTC. Next update by 13:00 UTC.",
    );
  });

  it("ETA revised later (UTC)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-11-23T16:15:00Z"),
          previousEta: at("2026-11-23T15:00:00Z"),
          etaChanged: true,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "UTC",
      ),
    ).toBe(
      "We now expect service back by 16:15 UTC, later than our previous estimate of 15:00 UTC. Next update by 13:00 UTC.",
    );
  });

  it("ETA revised to the same time (UTC)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-11-23T15:00:00Z"),
          previousEta: at("2026-11-23T15:00:00Z"),
          etaChanged: true,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "UTC",
      ),
    ).toBe(
      "We now expect service back by 15:00 UTC, later than our previous estimate of 15:00 UTC. Next update by 13:00 UTC.",
    );
  });

  it("ETA withdrawn (UTC)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: null,
          previousEta: at("2026-11-23T14:30:00Z"),
          etaChanged: true,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "UTC",
      ),
    ).toBe("We no longer have an estimate for a fix (our previous estimate was 14:30 UTC). Next update by 13:00 UTC.");
  });

  it("unknown ETA (UTC)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: null,
          previousEta: null,
          etaChanged: false,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "UTC",
      ),
    ).toBe("Next update by 13:00 UTC.");
  });

  it("unknown ETA, earlier one not changed now (UTC)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: null,
          previousEta: at("2026-11-23T14:30:00Z"),
          etaChanged: false,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "UTC",
      ),
    ).toBe("Next update by 13:00 UTC.");
  });

  it("next update across the spring-forward change (UTC)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-03-08T07:30:00Z"),
          previousEta: at("2026-03-08T06:45:00Z"),
          etaChanged: true,
          nextUpdateDueAt: at("2026-03-08T06:30:00Z"),
        },
        "UTC",
      ),
    ).toBe(
      "We now expect service back by 07:30 UTC, later than our previous estimate of 06:45 UTC. Next update by 06:30 UTC.",
    );
  });

  it("next update in the repeated hour of the fall-back change (UTC)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-11-01T06:30:00Z"),
          previousEta: at("2026-11-01T05:30:00Z"),
          etaChanged: true,
          nextUpdateDueAt: at("2026-11-01T05:45:00Z"),
        },
        "UTC",
      ),
    ).toBe(
      "We now expect service back by 06:30 UTC, later than our previous estimate of 05:30 UTC. Next update by 05:45 UTC.",
    );
  });

  it("ETA set (America/New_York)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-11-23T14:30:00Z"),
          previousEta: null,
          etaChanged: true,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "America/New_York",
      ),
    ).toBe("We expect service back by 09:30 GMT-5. Next update by 08:00 GMT-5.");
  });

  it("ETA kept from before, unchanged (America/New_York)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-11-23T14:30:00Z"),
          previousEta: at("2026-11-23T14:30:00Z"),
          etaChanged: false,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "America/New_York",
      ),
    ).toBe("We expect service back by 09:30 GMT-5. Next update by 08:00 GMT-5.");
  });

  it("ETA revised earlier (America/New_York)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-11-23T14:00:00Z"),
          previousEta: at("2026-11-23T15:00:00Z"),
          etaChanged: true,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "America/New_York",
      ),
    ).toBe(
      "We now expect service back by 09:00 GMT-5, earlier than our previous estimate of 10:00 GMT-5. Next update by 08:00 GMT-5.",
    );
  });

  it("ETA revised later (America/New_York)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-11-23T16:15:00Z"),
          previousEta: at("2026-11-23T15:00:00Z"),
          etaChanged: true,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "America/New_York",
      ),
    ).toBe(
      "We now expect service back by 11:15 GMT-5, later than our previous estimate of 10:00 GMT-5. Next update by 08:00 GMT-5.",
    );
  });

  it("ETA revised to the same time (America/New_York)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-11-23T15:00:00Z"),
          previousEta: at("2026-11-23T15:00:00Z"),
          etaChanged: true,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "America/New_York",
      ),
    ).toBe(
      "We now expect service back by 10:00 GMT-5, later than our previous estimate of 10:00 GMT-5. Next update by 08:00 GMT-5.",
    );
  });

  it("ETA withdrawn (America/New_York)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: null,
          previousEta: at("2026-11-23T14:30:00Z"),
          etaChanged: true,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "America/New_York",
      ),
    ).toBe(
      "We no longer have an estimate for a fix (our previous estimate was 09:30 GMT-5). Next update by 08:00 GMT-5.",
    );
  });

  it("unknown ETA (America/New_York)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: null,
          previousEta: null,
          etaChanged: false,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "America/New_York",
      ),
    ).toBe("Next update by 08:00 GMT-5.");
  });

  it("unknown ETA, earlier one not changed now (America/New_York)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: null,
          previousEta: at("2026-11-23T14:30:00Z"),
          etaChanged: false,
          nextUpdateDueAt: at("2026-11-23T13:00:00Z"),
        },
        "America/New_York",
      ),
    ).toBe("Next update by 08:00 GMT-5.");
  });

  it("next update across the spring-forward change (America/New_York)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-03-08T07:30:00Z"),
          previousEta: at("2026-03-08T06:45:00Z"),
          etaChanged: true,
          nextUpdateDueAt: at("2026-03-08T06:30:00Z"),
        },
        "America/New_York",
      ),
    ).toBe(
      "We now expect service back by 03:30 GMT-4, later than our previous estimate of 01:45 GMT-5. Next update by 01:30 GMT-5.",
    );
  });

  it("next update in the repeated hour of the fall-back change (America/New_York)", () => {
    expect(
      promiseText(
        {
          resolved: false,
          eta: at("2026-11-01T06:30:00Z"),
          previousEta: at("2026-11-01T05:30:00Z"),
          etaChanged: true,
          nextUpdateDueAt: at("2026-11-01T05:45:00Z"),
        },
        "America/New_York",
      ),
    ).toBe(
      "We now expect service back by 01:30 GMT-5, later than our previous estimate of 01:30 GMT-4. Next update by 01:45 GMT-4.",
    );
  });

  it("resolved without a missed ETA", () => {
    expect(promiseText({ resolved: true, durationMs: minutes(85), missedEta: null, missedByMs: null }, "UTC")).toBe(
      "Resolved after 1 hour 25 minutes.",
    );
  });

  it("resolved with a missed ETA (UTC)", () => {
    expect(
      promiseText(
        { resolved: true, durationMs: hours(3), missedEta: at("2026-11-23T14:30:00Z"), missedByMs: minutes(25) },
        "UTC",
      ),
    ).toBe("Resolved after 3 hours. We missed our estimate of 14:30 UTC by 25 minutes; we're sorry.");
  });

  it("resolved with a missed ETA (America/New_York)", () => {
    expect(
      promiseText(
        { resolved: true, durationMs: hours(3), missedEta: at("2026-11-23T14:30:00Z"), missedByMs: minutes(25) },
        "America/New_York",
      ),
    ).toBe("Resolved after 3 hours. We missed our estimate of 09:30 GMT-5 by 25 minutes; we're sorry.");
  });

  it("resolved with a missed ETA in summer time (America/New_York)", () => {
    expect(
      promiseText(
        { resolved: true, durationMs: hours(3), missedEta: at("2026-03-08T07:30:00Z"), missedByMs: minutes(25) },
        "America/New_York",
      ),
    ).toBe("Resolved after 3 hours. We missed our estimate of 03:30 GMT-4 by 25 minutes; we're sorry.");
  });

  it("resolved, missed ETA by nothing", () => {
    expect(
      promiseText(
        { resolved: true, durationMs: hours(1), missedEta: at("2026-11-23T14:30:00Z"), missedByMs: 0 },
        "UTC",
      ),
    ).toBe("Resolved after 1 hour. We missed our estimate of 14:30 UTC by ; we're sorry.");
  });

  it("resolved after 0 ms", () => {
    expect(promiseText({ resolved: true, durationMs: 0, missedEta: null, missedByMs: null }, "UTC")).toBe(
      "Resolved after 1 minute.",
    );
  });

  it("resolved after 30 seconds", () => {
    expect(promiseText({ resolved: true, durationMs: 30_000, missedEta: null, missedByMs: null }, "UTC")).toBe(
      "Resolved after 1 minute.",
    );
  });

  it("resolved after 1 minute", () => {
    expect(promiseText({ resolved: true, durationMs: minutes(1), missedEta: null, missedByMs: null }, "UTC")).toBe(
      "Resolved after 1 minute.",
    );
  });

  it("resolved after 59 minutes 40 seconds", () => {
    expect(
      promiseText({ resolved: true, durationMs: minutes(59) + 40_000, missedEta: null, missedByMs: null }, "UTC"),
    ).toBe("Resolved after 1 hour.");
  });

  it("resolved after 1 hour", () => {
    expect(promiseText({ resolved: true, durationMs: hours(1), missedEta: null, missedByMs: null }, "UTC")).toBe(
      "Resolved after 1 hour.",
    );
  });

  it("resolved after 1 hour 1 minute", () => {
    expect(promiseText({ resolved: true, durationMs: minutes(61), missedEta: null, missedByMs: null }, "UTC")).toBe(
      "Resolved after 1 hour 1 minute.",
    );
  });

  it("resolved after 2 hours", () => {
    expect(promiseText({ resolved: true, durationMs: hours(2), missedEta: null, missedByMs: null }, "UTC")).toBe(
      "Resolved after 2 hours.",
    );
  });

  it("resolved after 1 day", () => {
    expect(promiseText({ resolved: true, durationMs: hours(24), missedEta: null, missedByMs: null }, "UTC")).toBe(
      "Resolved after 1 day.",
    );
  });

  it("resolved after 1 day 1 hour", () => {
    expect(promiseText({ resolved: true, durationMs: hours(25), missedEta: null, missedByMs: null }, "UTC")).toBe(
      "Resolved after 1 day 1 hour.",
    );
  });

  it("resolved after 2 days 3 hours 5 minutes", () => {
    expect(
      promiseText({ resolved: true, durationMs: hours(51) + minutes(5), missedEta: null, missedByMs: null }, "UTC"),
    ).toBe("Resolved after 2 days 3 hours 5 minutes.");
  });

  it("resolved, missed by 1 day 2 hours", () => {
    expect(
      promiseText(
        { resolved: true, durationMs: hours(30), missedEta: at("2026-11-23T14:30:00Z"), missedByMs: hours(26) },
        "UTC",
      ),
    ).toBe("Resolved after 1 day 6 hours. We missed our estimate of 14:30 UTC by 1 day 2 hours; we're sorry.");
  });
});

describe("holdingText", () => {
  it("variant 0, no ETA (UTC)", () => {
    expect(holding({ timeZone: "UTC", variant: 0 })).toBe(
      "No new information yet: we are still investigating the cause. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("variant 1, no ETA (UTC)", () => {
    expect(holding({ timeZone: "UTC", variant: 1 })).toBe(
      "We have nothing new to report yet and are still investigating the cause. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("variant 2, no ETA (UTC)", () => {
    expect(holding({ timeZone: "UTC", variant: 2 })).toBe(
      "Still no change to report: we are investigating the cause. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("variant 3, no ETA (UTC)", () => {
    expect(holding({ timeZone: "UTC", variant: 3 })).toBe(
      "An update with no news yet: we are still investigating the cause. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("variant 4, no ETA (UTC)", () => {
    expect(holding({ timeZone: "UTC", variant: 4 })).toBe(
      "No new information yet: we are still investigating the cause. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("variant 7, no ETA (UTC)", () => {
    expect(holding({ timeZone: "UTC", variant: 7 })).toBe(
      "An update with no news yet: we are still investigating the cause. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("with an ETA (UTC)", () => {
    expect(holding({ timeZone: "UTC", eta: at("2026-11-23T14:30:00Z") })).toBe(
      "No new information yet: we are still investigating the cause. We still expect service back by 14:30 UTC. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("late within the grace period (UTC)", () => {
    expect(holding({ timeZone: "UTC", lateByMs: 60_000 })).toBe(
      "No new information yet: we are still investigating the cause. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("late past the grace period (UTC)", () => {
    expect(holding({ timeZone: "UTC", lateByMs: 61_000 })).toBe(
      "No new information yet: we are still investigating the cause. This update is 1 minute later than we promised; we're sorry. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("late 25 minutes with an ETA (UTC)", () => {
    expect(holding({ timeZone: "UTC", lateByMs: minutes(25), eta: at("2026-11-23T14:30:00Z"), variant: 2 })).toBe(
      "Still no change to report: we are investigating the cause. This update is 25 minutes later than we promised; we're sorry. We still expect service back by 14:30 UTC. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("maintenance past its end, no new finish time (UTC)", () => {
    expect(holding({ timeZone: "UTC", status: "in_progress", maintenance: true })).toBe(
      "No new information yet: we are still carrying out the maintenance. We don't have a new finish time yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("maintenance with a finish time (UTC)", () => {
    expect(
      holding({
        timeZone: "UTC",
        status: "verifying",
        maintenance: true,
        eta: at("2026-11-23T14:30:00Z"),
        variant: 3,
        lateByMs: hours(2),
      }),
    ).toBe(
      "An update with no news yet: we are still checking that everything works after the maintenance. This update is 2 hours later than we promised; we're sorry. We still expect service back by 14:30 UTC. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("across the fall-back change (UTC)", () => {
    expect(
      holding({
        timeZone: "UTC",
        now: at("2026-11-01T05:30:00Z"),
        nextUpdateDueAt: at("2026-11-01T06:30:00Z"),
        eta: at("2026-11-01T07:00:00Z"),
        variant: 1,
      }),
    ).toBe(
      "We have nothing new to report yet and are still investigating the cause. We still expect service back by 07:00 UTC. Next update by 06:30 UTC. (As of 05:30 UTC.)",
    );
  });

  it("variant 0, no ETA (America/New_York)", () => {
    expect(holding({ timeZone: "America/New_York", variant: 0 })).toBe(
      "No new information yet: we are still investigating the cause. We don't have an estimate for a fix yet. Next update by 08:00 GMT-5. (As of 07:30 GMT-5.)",
    );
  });

  it("variant 1, no ETA (America/New_York)", () => {
    expect(holding({ timeZone: "America/New_York", variant: 1 })).toBe(
      "We have nothing new to report yet and are still investigating the cause. We don't have an estimate for a fix yet. Next update by 08:00 GMT-5. (As of 07:30 GMT-5.)",
    );
  });

  it("variant 2, no ETA (America/New_York)", () => {
    expect(holding({ timeZone: "America/New_York", variant: 2 })).toBe(
      "Still no change to report: we are investigating the cause. We don't have an estimate for a fix yet. Next update by 08:00 GMT-5. (As of 07:30 GMT-5.)",
    );
  });

  it("variant 3, no ETA (America/New_York)", () => {
    expect(holding({ timeZone: "America/New_York", variant: 3 })).toBe(
      "An update with no news yet: we are still investigating the cause. We don't have an estimate for a fix yet. Next update by 08:00 GMT-5. (As of 07:30 GMT-5.)",
    );
  });

  it("variant 4, no ETA (America/New_York)", () => {
    expect(holding({ timeZone: "America/New_York", variant: 4 })).toBe(
      "No new information yet: we are still investigating the cause. We don't have an estimate for a fix yet. Next update by 08:00 GMT-5. (As of 07:30 GMT-5.)",
    );
  });

  it("variant 7, no ETA (America/New_York)", () => {
    expect(holding({ timeZone: "America/New_York", variant: 7 })).toBe(
      "An update with no news yet: we are still investigating the cause. We don't have an estimate for a fix yet. Next update by 08:00 GMT-5. (As of 07:30 GMT-5.)",
    );
  });

  it("with an ETA (America/New_York)", () => {
    expect(holding({ timeZone: "America/New_York", eta: at("2026-11-23T14:30:00Z") })).toBe(
      "No new information yet: we are still investigating the cause. We still expect service back by 09:30 GMT-5. Next update by 08:00 GMT-5. (As of 07:30 GMT-5.)",
    );
  });

  it("late within the grace period (America/New_York)", () => {
    expect(holding({ timeZone: "America/New_York", lateByMs: 60_000 })).toBe(
      "No new information yet: we are still investigating the cause. We don't have an estimate for a fix yet. Next update by 08:00 GMT-5. (As of 07:30 GMT-5.)",
    );
  });

  it("late past the grace period (America/New_York)", () => {
    expect(holding({ timeZone: "America/New_York", lateByMs: 61_000 })).toBe(
      "No new information yet: we are still investigating the cause. This update is 1 minute later than we promised; we're sorry. We don't have an estimate for a fix yet. Next update by 08:00 GMT-5. (As of 07:30 GMT-5.)",
    );
  });

  it("late 25 minutes with an ETA (America/New_York)", () => {
    expect(
      holding({ timeZone: "America/New_York", lateByMs: minutes(25), eta: at("2026-11-23T14:30:00Z"), variant: 2 }),
    ).toBe(
      "Still no change to report: we are investigating the cause. This update is 25 minutes later than we promised; we're sorry. We still expect service back by 09:30 GMT-5. Next update by 08:00 GMT-5. (As of 07:30 GMT-5.)",
    );
  });

  it("maintenance past its end, no new finish time (America/New_York)", () => {
    expect(holding({ timeZone: "America/New_York", status: "in_progress", maintenance: true })).toBe(
      "No new information yet: we are still carrying out the maintenance. We don't have a new finish time yet. Next update by 08:00 GMT-5. (As of 07:30 GMT-5.)",
    );
  });

  it("maintenance with a finish time (America/New_York)", () => {
    expect(
      holding({
        timeZone: "America/New_York",
        status: "verifying",
        maintenance: true,
        eta: at("2026-11-23T14:30:00Z"),
        variant: 3,
        lateByMs: hours(2),
      }),
    ).toBe(
      "An update with no news yet: we are still checking that everything works after the maintenance. This update is 2 hours later than we promised; we're sorry. We still expect service back by 09:30 GMT-5. Next update by 08:00 GMT-5. (As of 07:30 GMT-5.)",
    );
  });

  it("across the fall-back change (America/New_York)", () => {
    expect(
      holding({
        timeZone: "America/New_York",
        now: at("2026-11-01T05:30:00Z"),
        nextUpdateDueAt: at("2026-11-01T06:30:00Z"),
        eta: at("2026-11-01T07:00:00Z"),
        variant: 1,
      }),
    ).toBe(
      "We have nothing new to report yet and are still investigating the cause. We still expect service back by 02:00 GMT-5. Next update by 01:30 GMT-5. (As of 01:30 GMT-4.)",
    );
  });

  it("status investigating", () => {
    expect(holding({ status: "investigating" })).toBe(
      "No new information yet: we are still investigating the cause. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("status identified", () => {
    expect(holding({ status: "identified" })).toBe(
      "No new information yet: we are still working on a fix for the cause we found. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("status monitoring", () => {
    expect(holding({ status: "monitoring" })).toBe(
      "No new information yet: we are still monitoring the fix to make sure it holds. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("status resolved", () => {
    expect(holding({ status: "resolved" })).toBe(
      "No new information yet: we are still resolved. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("status scheduled", () => {
    expect(holding({ status: "scheduled" })).toBe(
      "No new information yet: we are still preparing the maintenance. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("status in_progress", () => {
    expect(holding({ status: "in_progress" })).toBe(
      "No new information yet: we are still carrying out the maintenance. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("status verifying", () => {
    expect(holding({ status: "verifying" })).toBe(
      "No new information yet: we are still checking that everything works after the maintenance. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("status completed", () => {
    expect(holding({ status: "completed" })).toBe(
      "No new information yet: we are still done with the maintenance. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });

  it("status cancelled", () => {
    expect(holding({ status: "cancelled" })).toBe(
      "No new information yet: we are still not going ahead with the maintenance. We don't have an estimate for a fix yet. Next update by 13:00 UTC. (As of 12:30 UTC.)",
    );
  });
});

describe("etaMissedText", () => {
  it("on time (UTC)", () => {
    expect(etaMissed({ timeZone: "UTC" })).toBe(
      "Our estimate of 14:30 UTC has passed and service is not fully back yet. We're sorry it is taking longer than we said. We don't have a new estimate yet; next update by 15:00 UTC.",
    );
  });

  it("late within the grace period (UTC)", () => {
    expect(etaMissed({ timeZone: "UTC", lateByMs: 30_000 })).toBe(
      "Our estimate of 14:30 UTC has passed and service is not fully back yet. We're sorry it is taking longer than we said. We don't have a new estimate yet; next update by 15:00 UTC.",
    );
  });

  it("late 5 minutes (UTC)", () => {
    expect(etaMissed({ timeZone: "UTC", lateByMs: minutes(5) })).toBe(
      "Our estimate of 14:30 UTC has passed and service is not fully back yet. We're sorry it is taking longer than we said. (We are posting this 5 minutes late.) We don't have a new estimate yet; next update by 15:00 UTC.",
    );
  });

  it("across the spring-forward change (UTC)", () => {
    expect(
      etaMissed({
        timeZone: "UTC",
        missedEta: at("2026-03-08T06:45:00Z"),
        nextUpdateDueAt: at("2026-03-08T07:15:00Z"),
        lateByMs: hours(1) + minutes(2),
      }),
    ).toBe(
      "Our estimate of 06:45 UTC has passed and service is not fully back yet. We're sorry it is taking longer than we said. (We are posting this 1 hour 2 minutes late.) We don't have a new estimate yet; next update by 07:15 UTC.",
    );
  });

  it("on time (America/New_York)", () => {
    expect(etaMissed({ timeZone: "America/New_York" })).toBe(
      "Our estimate of 09:30 GMT-5 has passed and service is not fully back yet. We're sorry it is taking longer than we said. We don't have a new estimate yet; next update by 10:00 GMT-5.",
    );
  });

  it("late within the grace period (America/New_York)", () => {
    expect(etaMissed({ timeZone: "America/New_York", lateByMs: 30_000 })).toBe(
      "Our estimate of 09:30 GMT-5 has passed and service is not fully back yet. We're sorry it is taking longer than we said. We don't have a new estimate yet; next update by 10:00 GMT-5.",
    );
  });

  it("late 5 minutes (America/New_York)", () => {
    expect(etaMissed({ timeZone: "America/New_York", lateByMs: minutes(5) })).toBe(
      "Our estimate of 09:30 GMT-5 has passed and service is not fully back yet. We're sorry it is taking longer than we said. (We are posting this 5 minutes late.) We don't have a new estimate yet; next update by 10:00 GMT-5.",
    );
  });

  it("across the spring-forward change (America/New_York)", () => {
    expect(
      etaMissed({
        timeZone: "America/New_York",
        missedEta: at("2026-03-08T06:45:00Z"),
        nextUpdateDueAt: at("2026-03-08T07:15:00Z"),
        lateByMs: hours(1) + minutes(2),
      }),
    ).toBe(
      "Our estimate of 01:45 GMT-5 has passed and service is not fully back yet. We're sorry it is taking longer than we said. (We are posting this 1 hour 2 minutes late.) We don't have a new estimate yet; next update by 03:15 GMT-4.",
    );
  });
});

describe("maintenanceText", () => {
  it("planned, within a day (UTC)", () => {
    expect(
      maintenanceText(
        { what: "planned", startsAt: at("2026-12-02T02:00:00Z"), endsAt: at("2026-12-02T04:00:00Z") },
        "UTC",
      ),
    ).toBe("Planned for 2 Dec 2026, 02:00–04:00 UTC. We will post here when the work starts and when it is done.");
  });

  it("planned, window already in the message (UTC)", () => {
    expect(
      maintenanceText(
        {
          what: "planned",
          startsAt: at("2026-12-02T02:00:00Z"),
          endsAt: at("2026-12-02T04:00:00Z"),
          windowInMessage: true,
        },
        "UTC",
      ),
    ).toBe("We will post here when the work starts and when it is done.");
  });

  it("planned, across days (UTC)", () => {
    expect(
      maintenanceText(
        { what: "planned", startsAt: at("2026-12-02T22:00:00Z"), endsAt: at("2026-12-03T06:30:00Z") },
        "UTC",
      ),
    ).toBe(
      "Planned for 2 Dec 2026, 22:00 UTC – 3 Dec 2026, 06:30 UTC. We will post here when the work starts and when it is done.",
    );
  });

  it("planned, across the spring-forward change (UTC)", () => {
    expect(
      maintenanceText(
        { what: "planned", startsAt: at("2026-03-08T06:30:00Z"), endsAt: at("2026-03-08T08:00:00Z") },
        "UTC",
      ),
    ).toBe("Planned for 8 Mar 2026, 06:30–08:00 UTC. We will post here when the work starts and when it is done.");
  });

  it("planned, across the London change (UTC)", () => {
    expect(
      maintenanceText(
        { what: "planned", startsAt: at("2027-03-28T00:30:00Z"), endsAt: at("2027-03-28T01:30:00Z") },
        "UTC",
      ),
    ).toBe("Planned for 28 Mar 2027, 00:30–01:30 UTC. We will post here when the work starts and when it is done.");
  });

  it("rescheduled (UTC)", () => {
    expect(
      maintenanceText(
        {
          what: "rescheduled",
          oldStartsAt: at("2026-12-02T02:00:00Z"),
          oldEndsAt: at("2026-12-02T04:00:00Z"),
          startsAt: at("2026-12-09T22:00:00Z"),
          endsAt: at("2026-12-10T01:00:00Z"),
        },
        "UTC",
      ),
    ).toBe(
      "Rescheduled: this maintenance now takes place 9 Dec 2026, 22:00 UTC – 10 Dec 2026, 01:00 UTC (it was planned for 2 Dec 2026, 02:00–04:00 UTC).",
    );
  });

  it("reminder, 1 hour ahead (UTC)", () => {
    expect(maintenanceText({ what: "reminder", startsAt: at("2026-12-02T02:00:00Z"), leadMs: hours(1) }, "UTC")).toBe(
      "Reminder: this maintenance starts at 2 Dec 2026, 02:00 UTC, in 1 hour.",
    );
  });

  it("reminder, 1 day 1 hour ahead (UTC)", () => {
    expect(maintenanceText({ what: "reminder", startsAt: at("2026-12-02T02:00:00Z"), leadMs: hours(25) }, "UTC")).toBe(
      "Reminder: this maintenance starts at 2 Dec 2026, 02:00 UTC, in 1 day 1 hour.",
    );
  });

  it("reminder, in summer time (UTC)", () => {
    expect(maintenanceText({ what: "reminder", startsAt: at("2026-07-01T23:30:00Z"), leadMs: 90_000 }, "UTC")).toBe(
      "Reminder: this maintenance starts at 1 Jul 2026, 23:30 UTC, in 2 minutes.",
    );
  });

  it("started on time (UTC)", () => {
    expect(maintenanceText({ what: "started", lateByMs: 0 }, "UTC")).toBe("The scheduled maintenance has started.");
  });

  it("started within the grace period (UTC)", () => {
    expect(maintenanceText({ what: "started", lateByMs: 60_000 }, "UTC")).toBe(
      "The scheduled maintenance has started.",
    );
  });

  it("started late (UTC)", () => {
    expect(maintenanceText({ what: "started", lateByMs: minutes(3) }, "UTC")).toBe(
      "The scheduled maintenance has started. (We are posting this 3 minutes late.)",
    );
  });

  it("working, first finish time (UTC)", () => {
    expect(maintenanceText({ what: "working", endsAt: at("2026-12-02T04:00:00Z"), previousEndsAt: null }, "UTC")).toBe(
      "We expect to finish by 04:00 UTC. We will post here when the work is done.",
    );
  });

  it("working, new end earlier (UTC)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-12-02T03:30:00Z"), previousEndsAt: at("2026-12-02T04:00:00Z") },
        "UTC",
      ),
    ).toBe(
      "We now expect to finish by 03:30 UTC, earlier than the 04:00 UTC we gave before. We will post here when the work is done.",
    );
  });

  it("working, new end later (UTC)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-12-02T05:15:00Z"), previousEndsAt: at("2026-12-02T04:00:00Z") },
        "UTC",
      ),
    ).toBe(
      "We now expect to finish by 05:15 UTC, later than the 04:00 UTC we gave before. We will post here when the work is done.",
    );
  });

  it("working, new end the same (UTC)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-12-02T04:00:00Z"), previousEndsAt: at("2026-12-02T04:00:00Z") },
        "UTC",
      ),
    ).toBe(
      "We now expect to finish by 04:00 UTC, later than the 04:00 UTC we gave before. We will post here when the work is done.",
    );
  });

  it("working, new end across the fall-back change (UTC)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-11-01T06:30:00Z"), previousEndsAt: at("2026-11-01T05:30:00Z") },
        "UTC",
      ),
    ).toBe(
      "We now expect to finish by 06:30 UTC, later than the 05:30 UTC we gave before. We will post here when the work is done.",
    );
  });

  it("next update once the end has passed (UTC)", () => {
    expect(maintenanceText({ what: "next", nextUpdateDueAt: at("2026-12-02T04:30:00Z") }, "UTC")).toBe(
      "We don't have a new finish time yet; next update by 04:30 UTC.",
    );
  });

  it("overrun, on time (UTC)", () => {
    expect(
      maintenanceText(
        {
          what: "overrun",
          missedEnd: at("2026-12-02T04:00:00Z"),
          nextUpdateDueAt: at("2026-12-02T04:30:00Z"),
          lateByMs: 0,
        },
        "UTC",
      ),
    ).toBe(
      "This maintenance was planned to finish by 04:00 UTC and is not done yet. We're sorry it is taking longer than we said. We don't have a new finish time yet; next update by 04:30 UTC.",
    );
  });

  it("overrun, posted late (UTC)", () => {
    expect(
      maintenanceText(
        {
          what: "overrun",
          missedEnd: at("2026-12-02T04:00:00Z"),
          nextUpdateDueAt: at("2026-12-02T04:30:00Z"),
          lateByMs: minutes(10),
        },
        "UTC",
      ),
    ).toBe(
      "This maintenance was planned to finish by 04:00 UTC and is not done yet. We're sorry it is taking longer than we said. (We are posting this 10 minutes late.) We don't have a new finish time yet; next update by 04:30 UTC.",
    );
  });

  it("completed on time (UTC)", () => {
    expect(
      maintenanceText(
        { what: "completed", durationMs: hours(2), plannedEnd: at("2026-12-02T04:00:00Z"), overrunByMs: null },
        "UTC",
      ),
    ).toBe("Completed after 2 hours.");
  });

  it("completed early (UTC)", () => {
    expect(
      maintenanceText(
        {
          what: "completed",
          durationMs: minutes(95),
          plannedEnd: at("2026-12-02T04:00:00Z"),
          overrunByMs: -minutes(25),
        },
        "UTC",
      ),
    ).toBe("Completed after 1 hour 35 minutes.");
  });

  it("completed exactly at the end (UTC)", () => {
    expect(
      maintenanceText(
        { what: "completed", durationMs: hours(2), plannedEnd: at("2026-12-02T04:00:00Z"), overrunByMs: 0 },
        "UTC",
      ),
    ).toBe("Completed after 2 hours.");
  });

  it("completed after an overrun (UTC)", () => {
    expect(
      maintenanceText(
        {
          what: "completed",
          durationMs: hours(2) + minutes(20),
          plannedEnd: at("2026-12-02T04:00:00Z"),
          overrunByMs: minutes(20),
        },
        "UTC",
      ),
    ).toBe(
      "Completed after 2 hours 20 minutes. That was 20 minutes later than the planned end of 04:00 UTC; we're sorry.",
    );
  });

  it("completed, overrun with no planned end (UTC)", () => {
    expect(
      maintenanceText({ what: "completed", durationMs: hours(3), plannedEnd: null, overrunByMs: hours(1) }, "UTC"),
    ).toBe("Completed after 3 hours. That was 1 hour later than the planned end of ; we're sorry.");
  });

  it("cancelled (UTC)", () => {
    expect(
      maintenanceText(
        { what: "cancelled", startsAt: at("2026-12-02T02:00:00Z"), endsAt: at("2026-12-02T04:00:00Z") },
        "UTC",
      ),
    ).toBe("The work planned for 2 Dec 2026, 02:00–04:00 UTC will not take place; service is not affected.");
  });

  it("cancelled, across days (UTC)", () => {
    expect(
      maintenanceText(
        { what: "cancelled", startsAt: at("2026-12-02T22:00:00Z"), endsAt: at("2026-12-03T01:00:00Z") },
        "UTC",
      ),
    ).toBe(
      "The work planned for 2 Dec 2026, 22:00 UTC – 3 Dec 2026, 01:00 UTC will not take place; service is not affected.",
    );
  });

  it("planned, within a day (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "planned", startsAt: at("2026-12-02T02:00:00Z"), endsAt: at("2026-12-02T04:00:00Z") },
        "America/New_York",
      ),
    ).toBe("Planned for 1 Dec 2026, 21:00–23:00 GMT-5. We will post here when the work starts and when it is done.");
  });

  it("planned, window already in the message (America/New_York)", () => {
    expect(
      maintenanceText(
        {
          what: "planned",
          startsAt: at("2026-12-02T02:00:00Z"),
          endsAt: at("2026-12-02T04:00:00Z"),
          windowInMessage: true,
        },
        "America/New_York",
      ),
    ).toBe("We will post here when the work starts and when it is done.");
  });

  it("planned, across days (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "planned", startsAt: at("2026-12-02T22:00:00Z"), endsAt: at("2026-12-03T06:30:00Z") },
        "America/New_York",
      ),
    ).toBe(
      "Planned for 2 Dec 2026, 17:00 GMT-5 – 3 Dec 2026, 01:30 GMT-5. We will post here when the work starts and when it is done.",
    );
  });

  it("planned, across the spring-forward change (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "planned", startsAt: at("2026-03-08T06:30:00Z"), endsAt: at("2026-03-08T08:00:00Z") },
        "America/New_York",
      ),
    ).toBe(
      "Planned for 8 Mar 2026, 01:30 GMT-5 – 8 Mar 2026, 04:00 GMT-4. We will post here when the work starts and when it is done.",
    );
  });

  it("planned, across the London change (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "planned", startsAt: at("2027-03-28T00:30:00Z"), endsAt: at("2027-03-28T01:30:00Z") },
        "America/New_York",
      ),
    ).toBe("Planned for 27 Mar 2027, 20:30–21:30 GMT-4. We will post here when the work starts and when it is done.");
  });

  it("rescheduled (America/New_York)", () => {
    expect(
      maintenanceText(
        {
          what: "rescheduled",
          oldStartsAt: at("2026-12-02T02:00:00Z"),
          oldEndsAt: at("2026-12-02T04:00:00Z"),
          startsAt: at("2026-12-09T22:00:00Z"),
          endsAt: at("2026-12-10T01:00:00Z"),
        },
        "America/New_York",
      ),
    ).toBe(
      "Rescheduled: this maintenance now takes place 9 Dec 2026, 17:00–20:00 GMT-5 (it was planned for 1 Dec 2026, 21:00–23:00 GMT-5).",
    );
  });

  it("reminder, 1 hour ahead (America/New_York)", () => {
    expect(
      maintenanceText({ what: "reminder", startsAt: at("2026-12-02T02:00:00Z"), leadMs: hours(1) }, "America/New_York"),
    ).toBe("Reminder: this maintenance starts at 1 Dec 2026, 21:00 GMT-5, in 1 hour.");
  });

  it("reminder, 1 day 1 hour ahead (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "reminder", startsAt: at("2026-12-02T02:00:00Z"), leadMs: hours(25) },
        "America/New_York",
      ),
    ).toBe("Reminder: this maintenance starts at 1 Dec 2026, 21:00 GMT-5, in 1 day 1 hour.");
  });

  it("reminder, in summer time (America/New_York)", () => {
    expect(
      maintenanceText({ what: "reminder", startsAt: at("2026-07-01T23:30:00Z"), leadMs: 90_000 }, "America/New_York"),
    ).toBe("Reminder: this maintenance starts at 1 Jul 2026, 19:30 GMT-4, in 2 minutes.");
  });

  it("started on time (America/New_York)", () => {
    expect(maintenanceText({ what: "started", lateByMs: 0 }, "America/New_York")).toBe(
      "The scheduled maintenance has started.",
    );
  });

  it("started within the grace period (America/New_York)", () => {
    expect(maintenanceText({ what: "started", lateByMs: 60_000 }, "America/New_York")).toBe(
      "The scheduled maintenance has started.",
    );
  });

  it("started late (America/New_York)", () => {
    expect(maintenanceText({ what: "started", lateByMs: minutes(3) }, "America/New_York")).toBe(
      "The scheduled maintenance has started. (We are posting this 3 minutes late.)",
    );
  });

  it("working, first finish time (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-12-02T04:00:00Z"), previousEndsAt: null },
        "America/New_York",
      ),
    ).toBe("We expect to finish by 23:00 GMT-5. We will post here when the work is done.");
  });

  it("working, new end earlier (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-12-02T03:30:00Z"), previousEndsAt: at("2026-12-02T04:00:00Z") },
        "America/New_York",
      ),
    ).toBe(
      "We now expect to finish by 22:30 GMT-5, earlier than the 23:00 GMT-5 we gave before. We will post here when the work is done.",
    );
  });

  it("working, new end later (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-12-02T05:15:00Z"), previousEndsAt: at("2026-12-02T04:00:00Z") },
        "America/New_York",
      ),
    ).toBe(
      "We now expect to finish by 00:15 GMT-5, later than the 23:00 GMT-5 we gave before. We will post here when the work is done.",
    );
  });

  it("working, new end the same (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-12-02T04:00:00Z"), previousEndsAt: at("2026-12-02T04:00:00Z") },
        "America/New_York",
      ),
    ).toBe(
      "We now expect to finish by 23:00 GMT-5, later than the 23:00 GMT-5 we gave before. We will post here when the work is done.",
    );
  });

  it("working, new end across the fall-back change (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-11-01T06:30:00Z"), previousEndsAt: at("2026-11-01T05:30:00Z") },
        "America/New_York",
      ),
    ).toBe(
      "We now expect to finish by 01:30 GMT-5, later than the 01:30 GMT-4 we gave before. We will post here when the work is done.",
    );
  });

  it("next update once the end has passed (America/New_York)", () => {
    expect(maintenanceText({ what: "next", nextUpdateDueAt: at("2026-12-02T04:30:00Z") }, "America/New_York")).toBe(
      "We don't have a new finish time yet; next update by 23:30 GMT-5.",
    );
  });

  it("overrun, on time (America/New_York)", () => {
    expect(
      maintenanceText(
        {
          what: "overrun",
          missedEnd: at("2026-12-02T04:00:00Z"),
          nextUpdateDueAt: at("2026-12-02T04:30:00Z"),
          lateByMs: 0,
        },
        "America/New_York",
      ),
    ).toBe(
      "This maintenance was planned to finish by 23:00 GMT-5 and is not done yet. We're sorry it is taking longer than we said. We don't have a new finish time yet; next update by 23:30 GMT-5.",
    );
  });

  it("overrun, posted late (America/New_York)", () => {
    expect(
      maintenanceText(
        {
          what: "overrun",
          missedEnd: at("2026-12-02T04:00:00Z"),
          nextUpdateDueAt: at("2026-12-02T04:30:00Z"),
          lateByMs: minutes(10),
        },
        "America/New_York",
      ),
    ).toBe(
      "This maintenance was planned to finish by 23:00 GMT-5 and is not done yet. We're sorry it is taking longer than we said. (We are posting this 10 minutes late.) We don't have a new finish time yet; next update by 23:30 GMT-5.",
    );
  });

  it("completed on time (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "completed", durationMs: hours(2), plannedEnd: at("2026-12-02T04:00:00Z"), overrunByMs: null },
        "America/New_York",
      ),
    ).toBe("Completed after 2 hours.");
  });

  it("completed early (America/New_York)", () => {
    expect(
      maintenanceText(
        {
          what: "completed",
          durationMs: minutes(95),
          plannedEnd: at("2026-12-02T04:00:00Z"),
          overrunByMs: -minutes(25),
        },
        "America/New_York",
      ),
    ).toBe("Completed after 1 hour 35 minutes.");
  });

  it("completed exactly at the end (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "completed", durationMs: hours(2), plannedEnd: at("2026-12-02T04:00:00Z"), overrunByMs: 0 },
        "America/New_York",
      ),
    ).toBe("Completed after 2 hours.");
  });

  it("completed after an overrun (America/New_York)", () => {
    expect(
      maintenanceText(
        {
          what: "completed",
          durationMs: hours(2) + minutes(20),
          plannedEnd: at("2026-12-02T04:00:00Z"),
          overrunByMs: minutes(20),
        },
        "America/New_York",
      ),
    ).toBe(
      "Completed after 2 hours 20 minutes. That was 20 minutes later than the planned end of 23:00 GMT-5; we're sorry.",
    );
  });

  it("completed, overrun with no planned end (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "completed", durationMs: hours(3), plannedEnd: null, overrunByMs: hours(1) },
        "America/New_York",
      ),
    ).toBe("Completed after 3 hours. That was 1 hour later than the planned end of ; we're sorry.");
  });

  it("cancelled (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "cancelled", startsAt: at("2026-12-02T02:00:00Z"), endsAt: at("2026-12-02T04:00:00Z") },
        "America/New_York",
      ),
    ).toBe("The work planned for 1 Dec 2026, 21:00–23:00 GMT-5 will not take place; service is not affected.");
  });

  it("cancelled, across days (America/New_York)", () => {
    expect(
      maintenanceText(
        { what: "cancelled", startsAt: at("2026-12-02T22:00:00Z"), endsAt: at("2026-12-03T01:00:00Z") },
        "America/New_York",
      ),
    ).toBe("The work planned for 2 Dec 2026, 17:00–20:00 GMT-5 will not take place; service is not affected.");
  });

  it("planned, within a day (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "planned", startsAt: at("2026-12-02T02:00:00Z"), endsAt: at("2026-12-02T04:00:00Z") },
        "Europe/London",
      ),
    ).toBe("Planned for 2 Dec 2026, 02:00–04:00 GMT. We will post here when the work starts and when it is done.");
  });

  it("planned, window already in the message (Europe/London)", () => {
    expect(
      maintenanceText(
        {
          what: "planned",
          startsAt: at("2026-12-02T02:00:00Z"),
          endsAt: at("2026-12-02T04:00:00Z"),
          windowInMessage: true,
        },
        "Europe/London",
      ),
    ).toBe("We will post here when the work starts and when it is done.");
  });

  it("planned, across days (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "planned", startsAt: at("2026-12-02T22:00:00Z"), endsAt: at("2026-12-03T06:30:00Z") },
        "Europe/London",
      ),
    ).toBe(
      "Planned for 2 Dec 2026, 22:00 GMT – 3 Dec 2026, 06:30 GMT. We will post here when the work starts and when it is done.",
    );
  });

  it("planned, across the spring-forward change (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "planned", startsAt: at("2026-03-08T06:30:00Z"), endsAt: at("2026-03-08T08:00:00Z") },
        "Europe/London",
      ),
    ).toBe("Planned for 8 Mar 2026, 06:30–08:00 GMT. We will post here when the work starts and when it is done.");
  });

  it("planned, across the London change (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "planned", startsAt: at("2027-03-28T00:30:00Z"), endsAt: at("2027-03-28T01:30:00Z") },
        "Europe/London",
      ),
    ).toBe(
      "Planned for 28 Mar 2027, 00:30 GMT – 28 Mar 2027, 02:30 BST. We will post here when the work starts and when it is done.",
    );
  });

  it("rescheduled (Europe/London)", () => {
    expect(
      maintenanceText(
        {
          what: "rescheduled",
          oldStartsAt: at("2026-12-02T02:00:00Z"),
          oldEndsAt: at("2026-12-02T04:00:00Z"),
          startsAt: at("2026-12-09T22:00:00Z"),
          endsAt: at("2026-12-10T01:00:00Z"),
        },
        "Europe/London",
      ),
    ).toBe(
      "Rescheduled: this maintenance now takes place 9 Dec 2026, 22:00 GMT – 10 Dec 2026, 01:00 GMT (it was planned for 2 Dec 2026, 02:00–04:00 GMT).",
    );
  });

  it("reminder, 1 hour ahead (Europe/London)", () => {
    expect(
      maintenanceText({ what: "reminder", startsAt: at("2026-12-02T02:00:00Z"), leadMs: hours(1) }, "Europe/London"),
    ).toBe("Reminder: this maintenance starts at 2 Dec 2026, 02:00 GMT, in 1 hour.");
  });

  it("reminder, 1 day 1 hour ahead (Europe/London)", () => {
    expect(
      maintenanceText({ what: "reminder", startsAt: at("2026-12-02T02:00:00Z"), leadMs: hours(25) }, "Europe/London"),
    ).toBe("Reminder: this maintenance starts at 2 Dec 2026, 02:00 GMT, in 1 day 1 hour.");
  });

  it("reminder, in summer time (Europe/London)", () => {
    expect(
      maintenanceText({ what: "reminder", startsAt: at("2026-07-01T23:30:00Z"), leadMs: 90_000 }, "Europe/London"),
    ).toBe("Reminder: this maintenance starts at 2 Jul 2026, 00:30 BST, in 2 minutes.");
  });

  it("started on time (Europe/London)", () => {
    expect(maintenanceText({ what: "started", lateByMs: 0 }, "Europe/London")).toBe(
      "The scheduled maintenance has started.",
    );
  });

  it("started within the grace period (Europe/London)", () => {
    expect(maintenanceText({ what: "started", lateByMs: 60_000 }, "Europe/London")).toBe(
      "The scheduled maintenance has started.",
    );
  });

  it("started late (Europe/London)", () => {
    expect(maintenanceText({ what: "started", lateByMs: minutes(3) }, "Europe/London")).toBe(
      "The scheduled maintenance has started. (We are posting this 3 minutes late.)",
    );
  });

  it("working, first finish time (Europe/London)", () => {
    expect(
      maintenanceText({ what: "working", endsAt: at("2026-12-02T04:00:00Z"), previousEndsAt: null }, "Europe/London"),
    ).toBe("We expect to finish by 04:00 GMT. We will post here when the work is done.");
  });

  it("working, new end earlier (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-12-02T03:30:00Z"), previousEndsAt: at("2026-12-02T04:00:00Z") },
        "Europe/London",
      ),
    ).toBe(
      "We now expect to finish by 03:30 GMT, earlier than the 04:00 GMT we gave before. We will post here when the work is done.",
    );
  });

  it("working, new end later (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-12-02T05:15:00Z"), previousEndsAt: at("2026-12-02T04:00:00Z") },
        "Europe/London",
      ),
    ).toBe(
      "We now expect to finish by 05:15 GMT, later than the 04:00 GMT we gave before. We will post here when the work is done.",
    );
  });

  it("working, new end the same (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-12-02T04:00:00Z"), previousEndsAt: at("2026-12-02T04:00:00Z") },
        "Europe/London",
      ),
    ).toBe(
      "We now expect to finish by 04:00 GMT, later than the 04:00 GMT we gave before. We will post here when the work is done.",
    );
  });

  it("working, new end across the fall-back change (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "working", endsAt: at("2026-11-01T06:30:00Z"), previousEndsAt: at("2026-11-01T05:30:00Z") },
        "Europe/London",
      ),
    ).toBe(
      "We now expect to finish by 06:30 GMT, later than the 05:30 GMT we gave before. We will post here when the work is done.",
    );
  });

  it("next update once the end has passed (Europe/London)", () => {
    expect(maintenanceText({ what: "next", nextUpdateDueAt: at("2026-12-02T04:30:00Z") }, "Europe/London")).toBe(
      "We don't have a new finish time yet; next update by 04:30 GMT.",
    );
  });

  it("overrun, on time (Europe/London)", () => {
    expect(
      maintenanceText(
        {
          what: "overrun",
          missedEnd: at("2026-12-02T04:00:00Z"),
          nextUpdateDueAt: at("2026-12-02T04:30:00Z"),
          lateByMs: 0,
        },
        "Europe/London",
      ),
    ).toBe(
      "This maintenance was planned to finish by 04:00 GMT and is not done yet. We're sorry it is taking longer than we said. We don't have a new finish time yet; next update by 04:30 GMT.",
    );
  });

  it("overrun, posted late (Europe/London)", () => {
    expect(
      maintenanceText(
        {
          what: "overrun",
          missedEnd: at("2026-12-02T04:00:00Z"),
          nextUpdateDueAt: at("2026-12-02T04:30:00Z"),
          lateByMs: minutes(10),
        },
        "Europe/London",
      ),
    ).toBe(
      "This maintenance was planned to finish by 04:00 GMT and is not done yet. We're sorry it is taking longer than we said. (We are posting this 10 minutes late.) We don't have a new finish time yet; next update by 04:30 GMT.",
    );
  });

  it("completed on time (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "completed", durationMs: hours(2), plannedEnd: at("2026-12-02T04:00:00Z"), overrunByMs: null },
        "Europe/London",
      ),
    ).toBe("Completed after 2 hours.");
  });

  it("completed early (Europe/London)", () => {
    expect(
      maintenanceText(
        {
          what: "completed",
          durationMs: minutes(95),
          plannedEnd: at("2026-12-02T04:00:00Z"),
          overrunByMs: -minutes(25),
        },
        "Europe/London",
      ),
    ).toBe("Completed after 1 hour 35 minutes.");
  });

  it("completed exactly at the end (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "completed", durationMs: hours(2), plannedEnd: at("2026-12-02T04:00:00Z"), overrunByMs: 0 },
        "Europe/London",
      ),
    ).toBe("Completed after 2 hours.");
  });

  it("completed after an overrun (Europe/London)", () => {
    expect(
      maintenanceText(
        {
          what: "completed",
          durationMs: hours(2) + minutes(20),
          plannedEnd: at("2026-12-02T04:00:00Z"),
          overrunByMs: minutes(20),
        },
        "Europe/London",
      ),
    ).toBe(
      "Completed after 2 hours 20 minutes. That was 20 minutes later than the planned end of 04:00 GMT; we're sorry.",
    );
  });

  it("completed, overrun with no planned end (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "completed", durationMs: hours(3), plannedEnd: null, overrunByMs: hours(1) },
        "Europe/London",
      ),
    ).toBe("Completed after 3 hours. That was 1 hour later than the planned end of ; we're sorry.");
  });

  it("cancelled (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "cancelled", startsAt: at("2026-12-02T02:00:00Z"), endsAt: at("2026-12-02T04:00:00Z") },
        "Europe/London",
      ),
    ).toBe("The work planned for 2 Dec 2026, 02:00–04:00 GMT will not take place; service is not affected.");
  });

  it("cancelled, across days (Europe/London)", () => {
    expect(
      maintenanceText(
        { what: "cancelled", startsAt: at("2026-12-02T22:00:00Z"), endsAt: at("2026-12-03T01:00:00Z") },
        "Europe/London",
      ),
    ).toBe(
      "The work planned for 2 Dec 2026, 22:00 GMT – 3 Dec 2026, 01:00 GMT will not take place; service is not affected.",
    );
  });
});

describe("composeTweet", () => {
  it("the first post names the title", () => {
    expect(tweet({})).toBe(
      "Investigating · API errors: We see errors. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("later posts leave the title out", () => {
    expect(tweet({ first: false, status: "identified", message: "We found the cause." })).toBe(
      "Identified: We found the cause. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("an empty title is left out", () => {
    expect(tweet({ title: "" })).toBe(
      "Investigating: We see errors. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("a maintenance status", () => {
    expect(
      tweet({
        status: "in_progress",
        title: "Database upgrade",
        message: "The scheduled maintenance has started.",
        promise: "We expect to finish by 04:00 UTC. We will post here when the work is done.",
      }),
    ).toBe(
      "Maintenance in progress · Database upgrade: The scheduled maintenance has started. We expect to finish by 04:00 UTC. We will post here when the work is done.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("every status label", () => {
    expect(
      [
        "investigating",
        "identified",
        "monitoring",
        "resolved",
        "scheduled",
        "in_progress",
        "verifying",
        "completed",
        "cancelled",
      ]
        .map((status) => tweet({ first: false, status }))
        .join("\n---\n"),
    ).toBe(
      "Investigating: We see errors. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef\n---\nIdentified: We see errors. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef\n---\nMonitoring: We see errors. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef\n---\nResolved: We see errors. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef\n---\nScheduled maintenance: We see errors. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef\n---\nMaintenance in progress: We see errors. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef\n---\nVerifying maintenance: We see errors. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef\n---\nMaintenance completed: We see errors. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef\n---\nMaintenance cancelled: We see errors. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("an unknown status", () => {
    expect(tweet({ status: "something_else" })).toBe(
      "Update · API errors: We see errors. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("no promise", () => {
    expect(tweet({ promise: "  " })).toBe(
      "Investigating · API errors: We see errors.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("no message", () => {
    expect(tweet({ message: "" })).toBe(
      "Investigating · API errors: Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("characters HTML would escape", () => {
    expect(tweet({ title: "R&D <api>", message: "Errors on \"/v1\" & 'admin' > 5%." })).toBe(
      "Investigating · R&D <api>: Errors on \"/v1\" & 'admin' > 5%. Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("engineers' own text", () => {
    expect(tweet({ custom: "Custom words & more." })).toBe(
      "Custom words & more.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("a long message is cut, the promise kept", () => {
    expect(
      tweet({
        message: "We are seeing elevated error rates on the public API, mostly on writes; reads look fine. ".repeat(6),
      }),
    ).toBe(
      "Investigating · API errors: We are seeing elevated error rates on the public API, mostly on writes; reads look fine. We are seeing elevated error rates on the public API, mostly on writes; reads look fine. We are seeing elevated… Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("a long title and message are both cut", () => {
    expect(
      tweet({
        title: "Elevated error rates and latency for every region of the public API and the dashboard ".repeat(4),
        message: "Writes fail for some customers while a database replica catches up. ".repeat(5),
      }),
    ).toBe(
      "Investigating · Elevated error rates and latency for every region of the public API and the dashboard Elevated error rates and latency for every…: Writes fail for some customers while a database replica catches up. Writes fail… Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("unspaced CJK is cut between characters", () => {
    expect(tweet({ first: false, message: "障害が発生しています".repeat(30) })).toBe(
      "Investigating: 障害が発生しています障害が発生しています障害が発生しています障害が発生しています障害が発生しています障害が発生しています障害が発生しています障害が発生しています障害が発生しています障害が発生しています障害が発生し… Next update by 14:30 UTC.\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });

  it("a long promise is cut last", () => {
    expect(
      tweet({
        first: false,
        message: "Short.",
        promise: "We expect service back by 14:30 UTC and will keep you posted on every step along the way. ".repeat(5),
      }),
    ).toBe(
      "Investigating: Short. We expect service back by 14:30 UTC and will keep you posted on every step along the way. We expect service back by 14:30 UTC and will keep you posted on every step along the way. We expect service back by 14:30 UTC and will keep…\nhttps://status.example.com/incidents/inc_0123456789abcdef",
    );
  });
});
