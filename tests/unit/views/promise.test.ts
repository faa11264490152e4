import { describe, expect, it } from "vitest";
import { ledgerRow } from "../../../src/render/views/ledger.ts";
import { promiseView } from "../../../src/render/views/promise.ts";
import { at, minutes, revision, summary } from "./fixtures.ts";

const now = at("2026-11-23T12:00:00Z");
const tz = "UTC";

describe("the promise view", () => {
  it("Should show the ETA and the next update while both lie ahead", () => {
    const view = promiseView(
      summary({ eta: at("2026-11-23T13:00:00Z"), nextUpdateDueAt: at("2026-11-23T12:30:00Z") }),
      [],
      now,
      tz,
    );
    expect(view).toEqual({
      eta: { iso: "2026-11-23T13:00:00.000Z", text: "13:00 UTC", withDate: false },
      next: { iso: "2026-11-23T12:30:00.000Z", text: "12:30 UTC", withDate: false },
    });
  });

  it("Should say plainly how long ago a missed ETA passed", () => {
    const view = promiseView(summary({ eta: at("2026-11-23T11:35:00Z") }), [], now, tz);
    expect(view?.missed).toEqual({
      eta: { iso: "2026-11-23T11:35:00.000Z", text: "11:35 UTC", withDate: false },
      ago: "25 minutes",
    });
    expect(view?.eta).toBeUndefined();
  });

  it("Should keep telling the missed estimate after the machine withdrew it, and say there is no new one", () => {
    const ledger = [revision({ eta: at("2026-11-23T10:30:00Z"), outcome: "missed", missedBySeconds: 5400 })];
    const view = promiseView(summary({ eta: null }), ledger, now, tz);
    expect(view?.missed?.ago).toBe("1 hour 30 minutes");
    expect(view?.noEstimate).toBe(true);
  });

  it("Should say how late the next update is once past the grace", () => {
    const view = promiseView(summary({ eta: null, nextUpdateDueAt: at("2026-11-23T11:00:00Z") }), [], now, tz);
    expect(view?.nextLate).toEqual({
      at: { iso: "2026-11-23T11:00:00.000Z", text: "11:00 UTC", withDate: false },
      late: "1 hour",
    });
  });

  it("Should promise nothing once resolved, nor before planned work starts", () => {
    expect(promiseView(summary({ resolvedAt: now, eta: now }), [], now, tz)).toBeNull();
    expect(promiseView(summary({ kind: "maintenance", status: "scheduled" }), [], now, tz)).toBeNull();
  });

  it("Should say the next update once for work under way whose next word is due at its planned end", () => {
    const end = at("2026-11-23T13:00:00Z");
    const view = promiseView(
      summary({ kind: "maintenance", status: "in_progress", eta: end, nextUpdateDueAt: end }),
      [],
      now,
      tz,
    );
    expect(view).toEqual({ maintenance: true, eta: { iso: end.toISOString(), text: "13:00 UTC", withDate: false } });
  });
});

describe("a line of the ETA ledger", () => {
  it("Should mark a missed estimate as bad, by shape too, with how much it was missed by", () => {
    const row = ledgerRow(
      revision({ eta: at("2026-11-23T11:00:00Z"), outcome: "missed", missedBySeconds: minutes(25) / 1000 }),
      now,
      tz,
    );
    expect(row).toEqual({
      promised: { iso: "2026-11-23T10:00:00.000Z", text: "23 Nov 2026, 10:00 UTC", withDate: true },
      eta: { iso: "2026-11-23T11:00:00.000Z", text: "11:00 UTC", withDate: false },
      cls: "s-major_outage",
      icon: "✕",
      outcome: "Missed by 25 minutes",
    });
  });

  it("Should say a met estimate was met, and how early when a minute or more", () => {
    const met = (settledAt: Date) =>
      ledgerRow(revision({ eta: at("2026-11-23T11:00:00Z"), outcome: "met", settledAt }), now, tz);
    expect(met(at("2026-11-23T10:40:00Z"))).toMatchObject({ cls: "s-operational", outcome: "Met, 20 minutes early" });
    expect(met(at("2026-11-23T10:59:30Z")).outcome).toBe("Met");
  });

  it("Should word the current estimate, one that passed unsettled, and the others", () => {
    expect(ledgerRow(revision({ eta: at("2026-11-23T13:00:00Z") }), now, tz).outcome).toBe("Current estimate");
    expect(ledgerRow(revision({ eta: at("2026-11-23T11:00:00Z") }), now, tz).outcome).toBe("Passed 1 hour ago");
    expect(ledgerRow(revision(), now, tz).outcome).toBe("Current: no estimate yet");
    expect(ledgerRow(revision({ eta: now, outcome: "revised" }), now, tz).outcome).toBe("Changed before it passed");
    expect(ledgerRow(revision({ outcome: "closed" }), now, tz).outcome).toBe("Resolved without an estimate");
  });
});
