import { describe, expect, it } from "vitest";
import type { IncidentStatus, UpdateKind } from "../../src/domain/incidents.ts";
import {
  type DueUpdate,
  describeDuration,
  dueAutomaticUpdate,
  lateGraceMs,
  nextDueAt,
  type PromiseState,
  settleNextUpdatePromise,
} from "../../src/domain/promises.ts";
import { hours, minutes, seconds } from "../support/time.ts";

const start = new Date("2026-11-23T12:00:00Z").getTime();
/** The instant `ms` after the incident began. */
const at = (ms: number) => new Date(start + ms);
/** Minutes after the incident began, for readable expectations. */
const sinceStart = (d: Date) => (d.getTime() - start) / 60_000;

/** An open incident whose promises fall due `eta` and `next` after it began (null: no such promise). */
function incident(
  eta: number | null,
  next: number | null,
  status: IncidentStatus = "investigating",
  resolvedAt: number | null = null,
): PromiseState {
  return {
    status,
    resolvedAt: resolvedAt === null ? null : at(resolvedAt),
    eta: eta === null ? null : at(eta),
    nextUpdateDueAt: next === null ? null : at(next),
  };
}

describe("promises", () => {
  describe("dueAutomaticUpdate", () => {
    type Row = {
      name: string;
      state: PromiseState;
      now: number;
      expected: { kind: DueUpdate["kind"]; dueAt: number; lateByMs: number } | null;
    };
    const rows: Row[] = [
      // Nothing is owed before any promise falls due.
      { name: "just declared", state: incident(null, minutes(30)), now: 0, expected: null },
      {
        name: "a second before the next update",
        state: incident(null, minutes(30)),
        now: minutes(30) - 1000,
        expected: null,
      },
      {
        name: "a millisecond before the next update",
        state: incident(null, minutes(30)),
        now: minutes(30) - 1,
        expected: null,
      },
      {
        name: "before both ETA and next update",
        state: incident(minutes(10), minutes(30)),
        now: minutes(9),
        expected: null,
      },
      { name: "no promise at all", state: incident(null, null), now: hours(5), expected: null },
      // The next update passing makes a holding update due, late by however long it has been.
      {
        name: "exactly at the next update",
        state: incident(null, minutes(30)),
        now: minutes(30),
        expected: { kind: "holding", dueAt: minutes(30), lateByMs: 0 },
      },
      {
        name: "a minute after the next update",
        state: incident(null, minutes(30)),
        now: minutes(31),
        expected: { kind: "holding", dueAt: minutes(30), lateByMs: minutes(1) },
      },
      {
        name: "two hours after the next update (downtime)",
        state: incident(null, minutes(30)),
        now: minutes(150),
        expected: { kind: "holding", dueAt: minutes(30), lateByMs: hours(2) },
      },
      {
        name: "next update passed, ETA still ahead",
        state: incident(minutes(60), minutes(30)),
        now: minutes(45),
        expected: { kind: "holding", dueAt: minutes(30), lateByMs: minutes(15) },
      },
      // A passed ETA makes an eta_missed update due.
      {
        name: "exactly at the ETA",
        state: incident(minutes(10), minutes(30)),
        now: minutes(10),
        expected: { kind: "eta_missed", dueAt: minutes(10), lateByMs: 0 },
      },
      {
        name: "after the ETA, before the next update",
        state: incident(minutes(10), minutes(30)),
        now: minutes(12),
        expected: { kind: "eta_missed", dueAt: minutes(10), lateByMs: minutes(2) },
      },
      {
        name: "ETA passed, no next update promised",
        state: incident(minutes(10), null),
        now: minutes(10),
        expected: { kind: "eta_missed", dueAt: minutes(10), lateByMs: 0 },
      },
      // When both are due the ETA wins: it is the bigger broken promise.
      {
        name: "both due, ETA first",
        state: incident(minutes(10), minutes(30)),
        now: minutes(30),
        expected: { kind: "eta_missed", dueAt: minutes(10), lateByMs: minutes(20) },
      },
      {
        name: "both due, next update first",
        state: incident(minutes(40), minutes(30)),
        now: minutes(40),
        expected: { kind: "eta_missed", dueAt: minutes(40), lateByMs: 0 },
      },
      {
        name: "both due at the same instant",
        state: incident(minutes(30), minutes(30)),
        now: minutes(30),
        expected: { kind: "eta_missed", dueAt: minutes(30), lateByMs: 0 },
      },
      {
        name: "both due long ago",
        state: incident(minutes(10), minutes(30)),
        now: hours(3),
        expected: { kind: "eta_missed", dueAt: minutes(10), lateByMs: hours(3) - minutes(10) },
      },
      // A resolved incident owes nothing, whatever its stale promises say.
      { name: "resolved status", state: incident(minutes(10), minutes(30), "resolved"), now: hours(1), expected: null },
      {
        name: "resolvedAt set",
        state: incident(minutes(10), minutes(30), "monitoring", minutes(5)),
        now: hours(1),
        expected: null,
      },
      {
        name: "resolvedAt set, status resolved",
        state: incident(null, minutes(30), "resolved", minutes(20)),
        now: hours(24),
        expected: null,
      },
    ];

    it.each(rows)("Should owe the right update ($name)", ({ state, now, expected }) => {
      const due = dueAutomaticUpdate(state, at(now));
      if (expected === null) {
        expect(due).toBeNull();
        return;
      }
      expect(due).not.toBeNull();
      expect(due?.kind).toBe(expected.kind);
      expect(due?.dueAt.getTime()).toBe(at(expected.dueAt).getTime());
      expect(due?.lateByMs).toBe(expected.lateByMs);
      if (due?.kind === "eta_missed") expect(due.missedEta.getTime()).toBe(state.eta?.getTime());
    });

    it.each(["investigating", "identified", "monitoring"] as const)(
      "Should owe the same updates whatever the open status (%s)",
      (status) => {
        expect(dueAutomaticUpdate(incident(null, minutes(30), status), at(minutes(30)))?.kind).toBe("holding");
        expect(dueAutomaticUpdate(incident(minutes(10), minutes(30), status), at(minutes(10)))?.kind).toBe(
          "eta_missed",
        );
        expect(dueAutomaticUpdate(incident(minutes(10), minutes(30), status), at(minutes(9)))).toBeNull();
      },
    );

    /**
     * Whole timelines: the checker looks every `stepMs` and, when something is
     * due, posts it the way the service does (next promise one interval after
     * posting; an eta_missed update withdraws the ETA). The table lists every
     * update the customer would see.
     */
    type Timeline = {
      name: string;
      state: PromiseState;
      intervalMs: number;
      stepMs: number;
      untilMs: number;
      posted: { at: number; kind: DueUpdate["kind"]; lateBy: number }[];
    };
    const timelines: Timeline[] = [
      {
        name: "no ETA, checked every minute",
        state: incident(null, minutes(30)),
        intervalMs: minutes(30),
        stepMs: minutes(1),
        untilMs: hours(2),
        posted: [
          { at: 30, kind: "holding", lateBy: 0 },
          { at: 60, kind: "holding", lateBy: 0 },
          { at: 90, kind: "holding", lateBy: 0 },
          { at: 120, kind: "holding", lateBy: 0 },
        ],
      },
      {
        name: "ETA between two holding updates",
        state: incident(minutes(45), minutes(30)),
        intervalMs: minutes(30),
        stepMs: minutes(1),
        untilMs: hours(2),
        posted: [
          { at: 30, kind: "holding", lateBy: 0 },
          { at: 45, kind: "eta_missed", lateBy: 0 },
          { at: 75, kind: "holding", lateBy: 0 },
          { at: 105, kind: "holding", lateBy: 0 },
        ],
      },
      {
        name: "ETA and next update at the same time: one update, not two",
        state: incident(minutes(30), minutes(30)),
        intervalMs: minutes(30),
        stepMs: minutes(1),
        untilMs: minutes(90),
        posted: [
          { at: 30, kind: "eta_missed", lateBy: 0 },
          { at: 60, kind: "holding", lateBy: 0 },
          { at: 90, kind: "holding", lateBy: 0 },
        ],
      },
      {
        name: "a two-hour cadence chosen by engineers",
        state: incident(null, hours(2)),
        intervalMs: hours(2),
        stepMs: minutes(5),
        untilMs: hours(7),
        posted: [
          { at: 120, kind: "holding", lateBy: 0 },
          { at: 240, kind: "holding", lateBy: 0 },
          { at: 360, kind: "holding", lateBy: 0 },
        ],
      },
      {
        name: "a checker that runs every 7 minutes posts late, never twice",
        state: incident(null, minutes(30)),
        intervalMs: minutes(30),
        stepMs: minutes(7),
        untilMs: hours(2),
        posted: [
          { at: 35, kind: "holding", lateBy: 5 },
          { at: 70, kind: "holding", lateBy: 5 },
          { at: 105, kind: "holding", lateBy: 5 },
        ],
      },
      {
        name: "down for 2 hours past the next update: exactly one late update",
        state: incident(null, minutes(30)),
        intervalMs: minutes(30),
        stepMs: minutes(150),
        untilMs: minutes(150),
        posted: [{ at: 150, kind: "holding", lateBy: 120 }],
      },
      {
        name: "down past both ETA and next update: exactly one eta_missed",
        state: incident(minutes(10), minutes(30)),
        intervalMs: minutes(30),
        stepMs: minutes(150),
        untilMs: minutes(150),
        posted: [{ at: 150, kind: "eta_missed", lateBy: 140 }],
      },
      {
        name: "resolved: nothing, ever",
        state: incident(minutes(10), minutes(30), "resolved", minutes(5)),
        intervalMs: minutes(30),
        stepMs: minutes(1),
        untilMs: hours(24),
        posted: [],
      },
    ];

    it.each(timelines)("Should post exactly the owed updates over a timeline: $name", (timeline) => {
      let state = timeline.state;
      const posted: Timeline["posted"] = [];
      for (let ms = 0; ms <= timeline.untilMs; ms += timeline.stepMs) {
        const now = at(ms);
        const due = dueAutomaticUpdate(state, now);
        if (!due) continue;
        posted.push({ at: sinceStart(now), kind: due.kind, lateBy: due.lateByMs / 60_000 });
        state = {
          ...state,
          eta: due.kind === "eta_missed" ? null : state.eta,
          nextUpdateDueAt: new Date(now.getTime() + timeline.intervalMs),
        };
        // Once posted, nothing more is owed at the same instant.
        expect(dueAutomaticUpdate(state, now)).toBeNull();
        // And what is owed next is exactly what nextDueAt announced.
        const next = nextDueAt(state);
        expect(next).not.toBeNull();
        expect(dueAutomaticUpdate(state, new Date((next as Date).getTime() - 1))).toBeNull();
        expect(dueAutomaticUpdate(state, next as Date)).not.toBeNull();
      }
      expect(posted).toEqual(timeline.posted);
    });
  });

  describe("nextDueAt", () => {
    it.each([
      { name: "only a next update", state: incident(null, minutes(30)), expected: minutes(30) },
      { name: "only an ETA", state: incident(minutes(10), null), expected: minutes(10) },
      { name: "ETA before the next update", state: incident(minutes(10), minutes(30)), expected: minutes(10) },
      { name: "next update before the ETA", state: incident(minutes(90), minutes(30)), expected: minutes(30) },
      { name: "both at once", state: incident(minutes(30), minutes(30)), expected: minutes(30) },
      { name: "already passed promises", state: incident(-minutes(5), -minutes(1)), expected: -minutes(5) },
      { name: "no promise", state: incident(null, null), expected: null },
      { name: "resolved status", state: incident(minutes(10), minutes(30), "resolved"), expected: null },
      { name: "resolvedAt set", state: incident(minutes(10), minutes(30), "monitoring", 0), expected: null },
    ])("Should say when the next automatic update is owed: $name", ({ state, expected }) => {
      const next = nextDueAt(state);
      expect(next === null ? null : next.getTime()).toBe(expected === null ? null : at(expected).getTime());
    });

    it.each([
      incident(null, minutes(30)),
      incident(minutes(10), minutes(30)),
      incident(minutes(45), minutes(30)),
      incident(minutes(30), null),
    ])("Should agree with dueAutomaticUpdate on when something falls due (%#)", (state) => {
      const next = nextDueAt(state) as Date;
      expect(dueAutomaticUpdate(state, new Date(next.getTime() - 1))).toBeNull();
      expect(dueAutomaticUpdate(state, next)?.dueAt.getTime()).toBe(next.getTime());
    });
  });

  describe("settleNextUpdatePromise", () => {
    const due = at(minutes(30));
    it.each<{ name: string; postedAt: number; kind: UpdateKind; expected: string }>([
      // Engineers keep a promise by posting before it, on it, or within the grace period.
      { name: "engineer, long before", postedAt: -minutes(25), kind: "manual", expected: "kept_by_engineer" },
      { name: "engineer, a second early", postedAt: -seconds(1), kind: "manual", expected: "kept_by_engineer" },
      { name: "engineer, on time", postedAt: 0, kind: "manual", expected: "kept_by_engineer" },
      { name: "engineer, within grace", postedAt: seconds(30), kind: "manual", expected: "kept_by_engineer" },
      { name: "engineer, at the end of grace", postedAt: lateGraceMs, kind: "manual", expected: "kept_by_engineer" },
      { name: "engineer, just past grace", postedAt: lateGraceMs + 1, kind: "manual", expected: "missed" },
      { name: "engineer, an hour late", postedAt: hours(1), kind: "manual", expected: "missed" },
      { name: "engineer resolves early", postedAt: -minutes(10), kind: "resolved", expected: "kept_by_engineer" },
      { name: "engineer resolves late", postedAt: minutes(10), kind: "resolved", expected: "missed" },
      // The machine keeps it by posting within the grace period; later is missed.
      { name: "machine, on time", postedAt: 0, kind: "holding", expected: "kept_by_machine" },
      { name: "machine, within grace", postedAt: seconds(59), kind: "holding", expected: "kept_by_machine" },
      { name: "machine, at the end of grace", postedAt: lateGraceMs, kind: "holding", expected: "kept_by_machine" },
      { name: "machine, just past grace", postedAt: lateGraceMs + 1, kind: "holding", expected: "missed" },
      { name: "machine, after 2 h downtime", postedAt: hours(2), kind: "holding", expected: "missed" },
      { name: "machine eta_missed, on time", postedAt: 0, kind: "eta_missed", expected: "kept_by_machine" },
      { name: "machine eta_missed, late", postedAt: minutes(5), kind: "eta_missed", expected: "missed" },
    ])("Should judge the promise: $name → $expected", ({ postedAt, kind, expected }) => {
      expect(settleNextUpdatePromise(due, new Date(due.getTime() + postedAt), kind)).toBe(expected);
    });

    it("Should use a one-minute grace period", () => {
      expect(lateGraceMs).toBe(60_000);
    });
  });

  describe("describeDuration", () => {
    it.each([
      [0, "1 minute"],
      [1, "1 minute"],
      [seconds(29), "1 minute"],
      [seconds(30), "1 minute"],
      [seconds(89), "1 minute"],
      [seconds(90), "2 minutes"],
      [minutes(1), "1 minute"],
      [minutes(2), "2 minutes"],
      [minutes(59), "59 minutes"],
      [minutes(59) + seconds(30), "1 hour"],
      [hours(1), "1 hour"],
      [minutes(61), "1 hour 1 minute"],
      [minutes(85), "1 hour 25 minutes"],
      [hours(2), "2 hours"],
      [hours(2) + minutes(20), "2 hours 20 minutes"],
      [hours(24), "1 day"],
      [hours(24) + minutes(1), "1 day 1 minute"],
      [hours(49), "2 days 1 hour"],
      [hours(50) + minutes(2), "2 days 2 hours 2 minutes"],
      [hours(24 * 30), "30 days"],
    ])("Should describe %i ms as %s", (ms, expected) => {
      expect(describeDuration(ms)).toBe(expected);
    });

    it("Should never say 0 of anything", () => {
      for (let ms = 0; ms < hours(50); ms += seconds(37)) expect(describeDuration(ms)).not.toMatch(/\b0 /);
    });
  });
});
