import { describe, expect, it } from "vitest";
import {
  type CurrentIncident,
  maxEtaAheadMs,
  maxNextUpdateAheadMs,
  minNextUpdateAheadMs,
  planUpdate,
  settleEta,
  type UpdateInput,
} from "../../src/domain/incidents.ts";
import { AppError } from "../../src/errors.ts";

const now = new Date("2026-11-23T14:00:00Z");
const t = now.getTime();
const interval = 30 * 60_000;
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const at = (offsetMs: number) => new Date(t + offsetMs);
const input = (extra: Partial<UpdateInput> = {}): UpdateInput => ({ componentStatuses: [], ...extra });
const open = (extra: Partial<CurrentIncident> = {}): CurrentIncident => ({
  status: "investigating",
  impact: "minor",
  eta: null,
  ...extra,
});

/** Runs planUpdate expecting it to throw, and returns the AppError. */
function rejection(current: CurrentIncident | null, update: UpdateInput): AppError {
  try {
    planUpdate(current, update, now, interval);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("planUpdate did not throw");
}

describe("planUpdate", () => {
  describe("Declaring", () => {
    it("Should promise the next update after the default interval when none is given", () => {
      const plan = planUpdate(null, input(), now, interval);
      expect(plan.nextUpdateDueAt).toEqual(at(interval));
      expect(plan.status).toBe("investigating");
      expect(plan.eta).toBeNull();
      expect(plan.etaChanged).toBe(false);
      expect(plan.resolvedAt).toBeNull();
      expect(plan.kind).toBe("manual");
    });

    it("Should use the default interval it is given, not a fixed one", () => {
      const plan = planUpdate(null, input(), now, 5 * minute);
      expect(plan.nextUpdateDueAt).toEqual(at(5 * minute));
    });

    it("Should keep an explicit status", () => {
      const plan = planUpdate(null, input({ status: "identified" }), now, interval);
      expect(plan.status).toBe("identified");
    });

    it("Should set an ETA given at declaration and mark it changed", () => {
      const eta = at(2 * hour);
      const plan = planUpdate(null, input({ eta }), now, interval);
      expect(plan.eta).toEqual(eta);
      expect(plan.etaChanged).toBe(true);
    });
  });

  describe("Next update promise", () => {
    it("Should set the next update from next_update_in", () => {
      const plan = planUpdate(null, input({ nextUpdateInMs: 45 * minute }), now, interval);
      expect(plan.nextUpdateDueAt).toEqual(at(45 * minute));
    });

    it("Should set the next update from next_update_at", () => {
      const when = at(2 * hour);
      const plan = planUpdate(open(), input({ nextUpdateAt: when }), now, interval);
      expect(plan.nextUpdateDueAt).toEqual(when);
    });

    it("Should fall back to the default interval on a later update that promises nothing", () => {
      const plan = planUpdate(open({ status: "identified" }), input(), now, interval);
      expect(plan.nextUpdateDueAt).toEqual(at(interval));
      expect(plan.status).toBe("identified");
    });

    it("Should reject next_update_in and next_update_at together, naming next_update_at", () => {
      const error = rejection(null, input({ nextUpdateInMs: 10 * minute, nextUpdateAt: at(10 * minute) }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.status).toBe(400);
      expect(error.details).toEqual([
        { field: "next_update_at", message: "give next_update_in or next_update_at, not both" },
      ]);
      expect(error.message).toBe("next_update_at: give next_update_in or next_update_at, not both");
    });

    it("Should accept next_update_in at exactly PT1M and PT24H", () => {
      expect(planUpdate(null, input({ nextUpdateInMs: minNextUpdateAheadMs }), now, interval).nextUpdateDueAt).toEqual(
        at(minute),
      );
      expect(planUpdate(null, input({ nextUpdateInMs: maxNextUpdateAheadMs }), now, interval).nextUpdateDueAt).toEqual(
        at(day),
      );
    });

    it.each([
      ["shorter than PT1M", minute - 1],
      ["zero", 0],
      ["negative", -minute],
      ["longer than PT24H", day + 1],
    ])("Should reject next_update_in %s", (_, ms) => {
      const error = rejection(null, input({ nextUpdateInMs: ms }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.details).toEqual([{ field: "next_update_in", message: "must be between PT1M and PT24H" }]);
    });

    it("Should accept next_update_at exactly one minute and exactly 24 hours ahead", () => {
      expect(planUpdate(null, input({ nextUpdateAt: at(minute) }), now, interval).nextUpdateDueAt).toEqual(at(minute));
      expect(planUpdate(null, input({ nextUpdateAt: at(day) }), now, interval).nextUpdateDueAt).toEqual(at(day));
    });

    it.each([
      ["less than a minute ahead", 59_999],
      ["now", 0],
      ["in the past", -hour],
    ])("Should reject next_update_at %s", (_, offset) => {
      const error = rejection(null, input({ nextUpdateAt: at(offset) }));
      expect(error.details).toEqual([{ field: "next_update_at", message: "must be at least one minute ahead" }]);
    });

    it("Should reject next_update_at more than 24 hours ahead", () => {
      const error = rejection(null, input({ nextUpdateAt: at(day + 1) }));
      expect(error.details).toEqual([{ field: "next_update_at", message: "must be at most 24 hours ahead" }]);
    });
  });

  describe("ETA", () => {
    it.each([
      ["in the past", -minute],
      ["now", 0],
    ])("Should reject an ETA %s", (_, offset) => {
      const error = rejection(open(), input({ eta: at(offset) }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.details).toEqual([{ field: "eta", message: "must be in the future" }]);
      expect(error.message).toBe("eta: must be in the future");
    });

    it("Should accept an ETA exactly 30 days ahead", () => {
      const plan = planUpdate(open(), input({ eta: at(maxEtaAheadMs) }), now, interval);
      expect(plan.eta).toEqual(at(30 * day));
    });

    it("Should reject an ETA more than 30 days ahead", () => {
      const error = rejection(open(), input({ eta: at(30 * day + 1) }));
      expect(error.details).toEqual([{ field: "eta", message: "must be at most 30 days ahead" }]);
    });

    it("Should keep the current ETA when eta is undefined", () => {
      const eta = at(hour);
      const plan = planUpdate(open({ eta }), input(), now, interval);
      expect(plan.eta).toEqual(eta);
      expect(plan.etaChanged).toBe(false);
    });

    it("Should clear the ETA when eta is null", () => {
      const plan = planUpdate(open({ eta: at(hour) }), input({ eta: null }), now, interval);
      expect(plan.eta).toBeNull();
      expect(plan.etaChanged).toBe(true);
    });

    it("Should not count a null ETA on an incident without one as a change", () => {
      const plan = planUpdate(open(), input({ eta: null }), now, interval);
      expect(plan.eta).toBeNull();
      expect(plan.etaChanged).toBe(false);
    });

    it("Should not count the same ETA, as a different Date object, as a change", () => {
      const plan = planUpdate(open({ eta: at(hour) }), input({ eta: at(hour) }), now, interval);
      expect(plan.eta).toEqual(at(hour));
      expect(plan.etaChanged).toBe(false);
    });

    it("Should count a different ETA as a change", () => {
      const plan = planUpdate(open({ eta: at(hour) }), input({ eta: at(2 * hour) }), now, interval);
      expect(plan.eta).toEqual(at(2 * hour));
      expect(plan.etaChanged).toBe(true);
    });
  });

  describe("Resolving", () => {
    it("Should set resolvedAt to now, promise no further update, and be a resolved update", () => {
      const plan = planUpdate(open({ status: "monitoring" }), input({ status: "resolved" }), now, interval);
      expect(plan.status).toBe("resolved");
      expect(plan.resolvedAt).toEqual(now);
      expect(plan.nextUpdateDueAt).toBeNull();
      expect(plan.kind).toBe("resolved");
    });

    it("Should keep the previous ETA unchanged so it can be settled", () => {
      const eta = at(hour);
      const plan = planUpdate(open({ eta }), input({ status: "resolved" }), now, interval);
      expect(plan.eta).toEqual(eta);
      expect(plan.etaChanged).toBe(false);
    });

    it("Should reject an ETA on a resolving update", () => {
      const error = rejection(open(), input({ status: "resolved", eta: at(hour) }));
      expect(error.details).toEqual([{ field: "eta", message: "a resolved incident has no ETA" }]);
    });

    it("Should reject next_update_in on a resolving update", () => {
      const error = rejection(open(), input({ status: "resolved", nextUpdateInMs: 10 * minute }));
      expect(error.details).toEqual([
        { field: "next_update_in", message: "a resolved incident promises no further updates" },
      ]);
    });

    it("Should reject next_update_at on a resolving update", () => {
      const error = rejection(open(), input({ status: "resolved", nextUpdateAt: at(10 * minute) }));
      expect(error.details).toEqual([
        { field: "next_update_at", message: "a resolved incident promises no further updates" },
      ]);
    });
  });

  describe("Impact", () => {
    it.each([
      ["major_outage", "critical"],
      ["partial_outage", "major"],
      ["degraded_performance", "minor"],
    ] as const)("Should derive impact from %s as %s when declaring", (status, impact) => {
      const plan = planUpdate(null, input({ componentStatuses: [status] }), now, interval);
      expect(plan.impact).toBe(impact);
    });

    it("Should derive impact from the worst of several component statuses", () => {
      const plan = planUpdate(
        null,
        input({ componentStatuses: ["degraded_performance", "major_outage", "under_maintenance"] }),
        now,
        interval,
      );
      expect(plan.impact).toBe("critical");
    });

    it("Should declare a minor incident when no component is named", () => {
      expect(planUpdate(null, input(), now, interval).impact).toBe("minor");
    });

    it("Should declare a minor incident when components are only under maintenance or operational", () => {
      const plan = planUpdate(null, input({ componentStatuses: ["under_maintenance", "operational"] }), now, interval);
      expect(plan.impact).toBe("minor");
    });

    it("Should raise impact when an update reports worse component statuses", () => {
      const plan = planUpdate(
        open({ impact: "minor" }),
        input({ componentStatuses: ["partial_outage"] }),
        now,
        interval,
      );
      expect(plan.impact).toBe("major");
    });

    it("Should never lower impact on an update without an explicit impact", () => {
      const plan = planUpdate(
        open({ impact: "critical" }),
        input({ componentStatuses: ["degraded_performance"] }),
        now,
        interval,
      );
      expect(plan.impact).toBe("critical");
    });

    it("Should keep impact on an update that names no components", () => {
      expect(planUpdate(open({ impact: "major" }), input(), now, interval).impact).toBe("major");
    });

    it("Should keep impact on a resolving update that restores components", () => {
      const plan = planUpdate(
        open({ impact: "critical" }),
        input({ status: "resolved", componentStatuses: ["operational"] }),
        now,
        interval,
      );
      expect(plan.impact).toBe("critical");
    });

    it("Should lower impact when it is given explicitly", () => {
      const plan = planUpdate(
        open({ impact: "critical" }),
        input({ impact: "minor", componentStatuses: ["major_outage"] }),
        now,
        interval,
      );
      expect(plan.impact).toBe("minor");
    });

    it("Should use an explicit impact when declaring, over the derived one", () => {
      const plan = planUpdate(null, input({ impact: "none", componentStatuses: ["partial_outage"] }), now, interval);
      expect(plan.impact).toBe("none");
    });
  });

  describe("Several problems", () => {
    it("Should report every broken rule together, in order, with the first in the message", () => {
      const error = rejection(
        open(),
        input({ eta: at(-minute), nextUpdateInMs: 10 * minute, nextUpdateAt: at(10 * minute) }),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.details).toEqual([
        { field: "eta", message: "must be in the future" },
        { field: "next_update_at", message: "give next_update_in or next_update_at, not both" },
      ]);
      expect(error.message).toBe("eta: must be in the future");
    });

    it("Should report out-of-range promises on both fields and the conflict between them", () => {
      const error = rejection(null, input({ eta: at(31 * day), nextUpdateInMs: 0, nextUpdateAt: at(2 * day) }));
      expect(error.details?.map((p) => p.field)).toEqual(["eta", "next_update_at", "next_update_in", "next_update_at"]);
    });

    it("Should report every field a resolving update must not carry", () => {
      const error = rejection(
        open(),
        input({ status: "resolved", eta: at(hour), nextUpdateInMs: 10 * minute, nextUpdateAt: at(20 * minute) }),
      );
      expect(error.details).toEqual([
        { field: "next_update_at", message: "give next_update_in or next_update_at, not both" },
        { field: "eta", message: "a resolved incident has no ETA" },
        { field: "next_update_in", message: "a resolved incident promises no further updates" },
        { field: "next_update_at", message: "a resolved incident promises no further updates" },
      ]);
    });
  });
});

describe("settleEta", () => {
  const eta = new Date("2026-11-23T15:00:00Z");

  it("Should be met when the incident is resolved before the ETA", () => {
    expect(settleEta(eta, new Date("2026-11-23T14:59:00Z"), { resolved: true })).toEqual({
      outcome: "met",
      missedBySeconds: null,
    });
  });

  it("Should be met when the incident is resolved exactly at the ETA", () => {
    expect(settleEta(eta, eta, { resolved: true })).toEqual({ outcome: "met", missedBySeconds: null });
  });

  it("Should be missed, by how many seconds, when resolved after the ETA", () => {
    expect(settleEta(eta, new Date("2026-11-23T15:07:30Z"), { resolved: true })).toEqual({
      outcome: "missed",
      missedBySeconds: 450,
    });
  });

  it("Should be missed when a passed ETA is replaced, whatever replaces it", () => {
    const later = new Date("2026-11-23T15:10:00Z");
    expect(settleEta(eta, later, { resolved: false, eta: new Date("2026-11-23T16:00:00Z") })).toEqual({
      outcome: "missed",
      missedBySeconds: 600,
    });
    expect(settleEta(eta, later, { resolved: false, eta: null })).toEqual({ outcome: "missed", missedBySeconds: 600 });
  });

  it("Should round missedBySeconds to whole seconds", () => {
    expect(settleEta(eta, new Date(eta.getTime() + 1_499), { resolved: true }).missedBySeconds).toBe(1);
    expect(settleEta(eta, new Date(eta.getTime() + 1_500), { resolved: true }).missedBySeconds).toBe(2);
  });

  it("Should be revised when a new ETA replaces one that has not passed", () => {
    expect(
      settleEta(eta, new Date("2026-11-23T14:30:00Z"), { resolved: false, eta: new Date("2026-11-23T16:00:00Z") }),
    ).toEqual({ outcome: "revised", missedBySeconds: null });
  });

  it("Should be withdrawn when the ETA is cleared before it passed", () => {
    expect(settleEta(eta, new Date("2026-11-23T14:30:00Z"), { resolved: false, eta: null })).toEqual({
      outcome: "withdrawn",
      missedBySeconds: null,
    });
  });

  it("Should be closed when an incident without an ETA is resolved", () => {
    expect(settleEta(null, now, { resolved: true })).toEqual({ outcome: "closed", missedBySeconds: null });
  });

  it("Should be revised when an incident without an ETA is given one", () => {
    expect(settleEta(null, now, { resolved: false, eta: at(hour) })).toEqual({
      outcome: "revised",
      missedBySeconds: null,
    });
  });
});
